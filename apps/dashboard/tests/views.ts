import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { Stack } from './stack.js'
import type { IdentityProvider } from '../../ingest/test/auth/identity-provider.js'

export const SCREENSHOTS = fileURLToPath(
  new URL('../../../test-results/screenshots/', import.meta.url),
)
export const HD = { width: 1920, height: 1080 }

/**
 * What every group of view tests shares: the one stack (service, dashboard, browser) and page
 * that views.test.ts starts, so the suite pays for them once.
 */
export interface Views {
  readonly stack: Stack
  readonly page: Page
  /** The Entra-like identity provider the stack's single sign-on is configured with. */
  readonly provider: IdentityProvider
}

/** A GET on the service's API, which must answer 200. */
export async function api<T>(views: Views, path: string): Promise<T> {
  const response = await fetch(`${views.stack.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${views.stack.ownerToken}` },
  })
  expect(response.status, path).toBe(200)
  return (await response.json()) as T
}

export async function screenshot(
  target: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), ...options })
}

/** Opens a dashboard page and waits until its live stream is connected. */
export async function openLive(views: Views, path: string): Promise<void> {
  await views.page.goto(`${views.stack.webUrl}${path}`)
  await views.page.locator('.live-status .label', { hasText: 'Live' }).waitFor({ timeout: 10_000 })
}

/** Posts a beat through the ping API with the demo's token. */
export async function postBeat(
  views: Views,
  rhythmId: string,
  body: { player?: string; ok?: boolean },
  token: string,
): Promise<void> {
  const response = await fetch(`${views.stack.apiUrl}/v1/beats/${rhythmId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(201)
}
