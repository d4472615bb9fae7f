import { readFile } from 'node:fs/promises'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { printHealth } from './print-health.js'
import { startTestService } from '../test/service.js'
import type { AddressInfo } from 'node:net'
import type { ServerType } from '@hono/node-server'
import type { TestService } from '../test/service.js'

const score = await readFile(new URL('../test/scores/small.score.yaml', import.meta.url), 'utf8')

describe('baton health', () => {
  let service: TestService
  let server: ServerType
  let url: string
  beforeAll(async () => {
    service = await startTestService('pglite', { score })
    await service.runtime.evaluator.flush()
    server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await service?.close()
  })

  const run = async (token: string | undefined) => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {})
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const code = await printHealth(url, token)
      return { code, out: out.mock.calls.join('\n'), err: err.mock.calls.join('\n') }
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  }

  it('prints each layer with a token, and says what to do without one', async () => {
    const signedIn = await run(service.ownerToken)
    expect(signedIn.code).toBe(0)
    expect(signedIn.out).toMatch(/^Baton at http:\/\/127\.0\.0\.1:\d+ \(as of/)
    expect(signedIn.out).toMatch(/overall: \d+ tight, \d+ drifting, \d+ silent/)

    const none = await run(undefined)
    expect(none.code).toBe(2)
    expect(none.err).toContain('set BATON_TOKEN to a kiosk or API token')

    const wrong = await run('bk_' + 'x'.repeat(43))
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain('401: BATON_TOKEN is not a live token here')
  })
})
