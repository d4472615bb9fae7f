import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { haloCredentials } from '../../../src/connectors/halopsa/halopsa-auth.js'
import { createVendorHttp } from '../../../src/connectors/http/vendor-http.js'
import { HALO_BASE, HALO_CLIENT_ID, HALO_SECRET, haloTenant } from './halopsa-tenant.js'
import type { HaloConfig } from '../../../src/connectors/halopsa/halopsa-settings.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const config = {
  authUrl: `${HALO_BASE}/auth`,
  clientId: HALO_CLIENT_ID,
  clientSecret: HALO_SECRET,
  scope: 'all',
} as HaloConfig

describe('Halo token', () => {
  it('keeps the token until a minute before it expires, and shares one request', async () => {
    const tenant = haloTenant({ expiresIn: 3600 })
    server.use(...tenant.handlers)
    let now = 0
    const credentials = haloCredentials(config, createVendorHttp({ vendor: 'halopsa' }), () => now)
    const both = await Promise.all([credentials.headers(), credentials.headers()])
    expect(both).toEqual([
      { Authorization: 'Bearer halo-token-1' },
      { Authorization: 'Bearer halo-token-1' },
    ])
    now = 3_540_000 - 1
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer halo-token-1' })
    now = 3_540_000
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer halo-token-2' })
    expect(tenant.tokenRequests()).toHaveLength(2)
  })

  it('renews a short-lived token at nine tenths of its life, and after invalidate', async () => {
    const tenant = haloTenant({ expiresIn: 100 })
    server.use(...tenant.handlers)
    let now = 0
    const credentials = haloCredentials(config, createVendorHttp({ vendor: 'halopsa' }), () => now)
    await credentials.headers()
    now = 89_999
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer halo-token-1' })
    now = 90_000
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer halo-token-2' })
    credentials.invalidate()
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer halo-token-3' })
  })
})
