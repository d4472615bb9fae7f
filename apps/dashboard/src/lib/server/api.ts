import { env } from '$env/dynamic/private'
import { hc } from 'hono/client'
import type { AppType } from '@baton/ingest/api'

const TIMEOUT_MS = 8_000

/** Where the ingest service answers: `BATON_API_URL`, else loopback on `BATON_API_PORT`. */
export function apiBaseUrl(): string {
  return env.BATON_API_URL || `http://127.0.0.1:${env.BATON_API_PORT || 8787}`
}

/**
 * The typed client of the ingest service's API, as the signed-in person (their session or kiosk
 * token). Every call gives up after a few seconds, so a hung service shows as a clear message
 * instead of a page that never loads.
 */
export function ingestClient(fetch: typeof globalThis.fetch, token: string | undefined) {
  return hc<AppType>(apiBaseUrl(), {
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS) }),
    ...(token && { headers: { authorization: `Bearer ${token}` } }),
  })
}

export type IngestClient = ReturnType<typeof ingestClient>
