import autocannon from 'autocannon'
import type { Result } from 'autocannon'
import { percentile } from './stats.js'

export interface Load {
  p50: number
  p95: number
  p99: number
  requestsPerSecond: number
  bytesPerResponse: number
  errors: number
}

/**
 * Keeps `connections` clients requesting `url` back to back for `seconds`, as autocannon does,
 * and takes the percentiles from every response time (autocannon's own summary has no p95).
 */
export async function load({
  url,
  connections,
  seconds,
  headers = {},
}: {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
}): Promise<Load> {
  const times: number[] = []
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status < 400) times.push(ms)
    })
  })
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requestsPerSecond: result.requests.total / result.duration,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
    errors: result.errors + result.timeouts + result.non2xx,
  }
}
