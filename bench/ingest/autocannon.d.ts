// The part of autocannon's API the bench uses; autocannon ships no types of its own.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export interface Options {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
  }

  export interface Result {
    errors: number
    timeouts: number
    non2xx: number
    duration: number
    latency: { p50: number; p99: number; average: number; max: number }
    requests: { average: number; total: number }
    throughput: { average: number; total: number }
  }

  export interface Instance extends EventEmitter {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
    ): this
  }

  function autocannon(
    options: Options,
    done: (error: Error | null, result: Result) => void,
  ): Instance
  export default autocannon
}
