import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * One local HTTP server standing in for every receiver (a webhook endpoint, Slack, Teams), each
 * at its own path. `failNext` makes the next answers 503 (at one path, or any), as a receiver
 * that is down would.
 */
export async function startReceivers() {
  const received: Received[] = []
  const state = { failures: 0, path: undefined as string | undefined }
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      if (state.failures > 0 && (state.path === undefined || state.path === request.url)) {
        state.failures--
        response.writeHead(503).end('down for maintenance')
        return
      }
      received.push({ path: request.url ?? '', headers: request.headers, body })
      // Slack answers "ok"; a Teams workflow 202 with nothing.
      if (request.url?.startsWith('/teams')) response.writeHead(202).end()
      else response.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    received,
    /** What arrived at one path, as parsed JSON. */
    at: (path: string) =>
      received
        .filter((r) => r.path === path)
        // Tests read what they expect of it.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        .map((r) => JSON.parse(r.body) as Record<string, any>),
    failNext(count: number, path?: string) {
      state.failures = count
      state.path = path
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type Receivers = Awaited<ReturnType<typeof startReceivers>>
