import { describe, expect, it } from 'vitest'
import { createApp } from './app.js'

describe('ingest app', () => {
  it('answers /healthz with ok', async () => {
    const response = await createApp().request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('answers an unknown path with 404', async () => {
    const response = await createApp().request('/nowhere')
    expect(response.status).toBe(404)
  })
})
