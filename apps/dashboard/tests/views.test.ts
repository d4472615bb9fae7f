import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIdentityProvider } from '../../ingest/test/auth/identity-provider.js'
import { accessTests } from './access.js'
import { rhythmPageTests } from './rhythm-page.js'
import { DEMO_TOKEN, startStack } from './stack.js'
import { summaryPageTests } from './summary-page.js'
import { teamPageTests } from './team-page.js'
import { HD, SCREENSHOTS, api as apiAs } from './views.js'
import type { Page } from 'playwright-core'
import type { Stack } from './stack.js'
import type { Views } from './views.js'
import type { IdentityProvider } from '../../ingest/test/auth/identity-provider.js'

interface LayersBody {
  demo: boolean
  layers: Array<{
    layer: string
    summary: { total: number; tight: number; drifting: number; silent: number }
    drifting: Array<{ id: string; name: string; reason: string }>
  }>
}
interface TeamsBody {
  teams: Array<{ id: string; name: string }>
}

let stack: Stack
let page: Page
let provider: IdentityProvider
// The view test groups of the other files run on this file's one stack and page.
const views: Views = {
  get stack() {
    return stack
  },
  get page() {
    return page
  },
  get provider() {
    return provider
  },
}

const api = <T>(path: string): Promise<T> => apiAs<T>(views, path)

async function screenshot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** The wall once its stream is live, so nothing later is missed. */
async function openWall(path = '/wall'): Promise<void> {
  await page.goto(`${stack.webUrl}${path}`)
  await page.locator('.live-status .label', { hasText: 'Live' }).waitFor({ timeout: 10_000 })
}

describe('the dashboard on the real service (ingest with the demo, built dashboard, Chromium)', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true })
    console.log(`dashboard screenshots: ${SCREENSHOTS}`)
    provider = await startIdentityProvider({
      clientId: 'baton-dashboard',
      clientSecret: 'dashboard test client secret',
      redirectUris: [],
    })
    stack = await startStack({
      ingestEnv: {
        BATON_OIDC_ISSUER: provider.issuer,
        BATON_OIDC_CLIENT_ID: 'baton-dashboard',
        BATON_OIDC_CLIENT_SECRET: 'dashboard test client secret',
        BATON_OIDC_LABEL: 'Contoso',
      },
    })
    provider.redirectUris.push(`${stack.webUrl}/login/sso/callback`)
    page = await stack.signedInPage(HD)
  }, 240_000)

  afterAll(async () => {
    await stack?.stop()
    await provider?.close()
  }, 30_000)

  it('shows every layer on /wall with its counts and the drifting rhythms by name and reason', async () => {
    const layers = await api<LayersBody>('/v1/layers')
    await openWall()
    for (const { layer, summary, drifting } of layers.layers) {
      const band = page.locator(`section[data-layer="${layer}"]`)
      for (const state of ['tight', 'drifting', 'silent'] as const) {
        await expect
          .poll(() => band.locator(`.count.${state} .n`).textContent())
          .toBe(String(summary[state]))
      }
      const first = drifting[0]
      if (first) {
        await expect.poll(() => band.innerText()).toContain(first.name)
        expect(await band.innerText()).toContain(first.reason.slice(0, 20))
      }
    }
    expect(layers.layers.some((layer) => layer.drifting.length > 0)).toBe(true)
    expect(await page.locator('.demo-badge').innerText()).toMatch(/demo data/i)
    // The mark the benchmark times the first complete screen by.
    expect(await page.locator('.wall[data-drawn]').count()).toBe(1)
    await screenshot('wall-1920x1080')
  })

  it('fits the wall on the screen, without scrollbars, from 1366×768 to 3840×2160', async () => {
    for (const size of [{ width: 1366, height: 768 }, { width: 3840, height: 2160 }, HD]) {
      await page.setViewportSize(size)
      const fit = await page.evaluate(() => {
        const footer = document.querySelector('footer')!.getBoundingClientRect()
        const bands = [...document.querySelectorAll('section[data-layer]')]
        return {
          scrolls:
            document.documentElement.scrollHeight > innerHeight ||
            document.documentElement.scrollWidth > innerWidth,
          bandsAboveFooter: bands.every(
            (band) => band.getBoundingClientRect().bottom <= footer.top,
          ),
          footerOnScreen: footer.bottom <= innerHeight && footer.right <= innerWidth,
        }
      })
      expect(fit, `${size.width}×${size.height}`).toEqual({
        scrolls: false,
        bandsAboveFooter: true,
        footerOnScreen: true,
      })
      if (size !== HD) await screenshot(`wall-${size.width}x${size.height}`)
    }
  })

  it('shows a beat posted to the ping API on /wall within 2 s', async () => {
    await openWall()
    const player = `test-${Date.now()}`
    const posted = Date.now()
    const response = await fetch(`${stack.apiUrl}/v1/beats/acme-dr-drill`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ player }),
    })
    expect(response.status).toBe(201)
    const ticker = page.locator('.beat-ticker li', { hasText: player })
    await ticker.waitFor({ timeout: 2_000 })
    expect(Date.now() - posted).toBeLessThan(2_000)
    expect(await ticker.innerText()).toContain('Acme disaster-recovery drill')
    await screenshot('wall-after-beat')
  })

  it('rotates through the overview and each team at the interval in the URL', async () => {
    const { teams } = await api<TeamsBody>('/v1/teams')
    await openWall('/wall?rotate=5s')
    expect(await page.locator('h1').innerText()).toContain('All teams')
    // A client-side navigation: no load event to wait for, so watch the address.
    await page.waitForFunction(() => location.search.includes('team='), null, { timeout: 8_000 })
    const first = teams[0]!
    expect(page.url()).toContain(`team=${first.id}`)
    expect(page.url()).toContain('rotate=5s')
    await expect.poll(() => page.locator('h1').innerText()).toContain(first.name)
    expect(await page.locator('.rotation-status').innerText()).toContain(`2 of ${teams.length + 1}`)
    await screenshot('wall-team-1920x1080')
  })

  it('ships at most 100 KB of JavaScript (gzipped) to /wall', async () => {
    const fresh = await stack.signedInPage(HD)
    const bodies: Array<Promise<Buffer>> = []
    fresh.on('response', (response) => {
      if (response.url().endsWith('.js')) bodies.push(response.body())
    })
    await fresh.goto(`${stack.webUrl}/wall`, { waitUntil: 'networkidle' })
    const gzipped = (await Promise.all(bodies)).reduce(
      (sum, body) => sum + gzipSync(body).length,
      0,
    )
    await fresh.close()
    expect(bodies.length).toBeGreaterThan(0)
    expect(gzipped).toBeLessThan(100 * 1024)
  })

  it('shows the desk: layers × teams, each cell a link to that team and layer', async () => {
    const { teams } = await api<TeamsBody>('/v1/teams')
    await page.goto(`${stack.webUrl}/`)
    const headers = await page.locator('thead th a').allInnerTexts()
    expect(headers).toEqual(teams.map((team) => team.name))
    const rows = page.locator('tbody tr')
    expect(await rows.count()).toBe(7)
    const cells = page.locator('tbody a.grid-cell')
    expect(await cells.count()).toBeGreaterThan(0)
    const href = await cells.first().getAttribute('href')
    expect(href).toMatch(
      /^\/teams\/[^/?]+\?layer=(note|measure|phrase|section|movement|piece|portfolio)$/,
    )
    expect(await page.locator('tbody').innerText()).toMatch(/drifting/)
    // The cells are reached by keyboard, past the navigation and the team headers.
    let focused = false
    for (let tab = 0; tab < 20 && !focused; tab++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate(() => document.activeElement?.matches('a.grid-cell') ?? false)
    }
    expect(focused).toBe(true)
    await screenshot('desk-1920x1080')
  })

  it("opens a team's rhythms of one layer from a desk cell, worst first", async () => {
    await page.goto(`${stack.webUrl}/`)
    const cell = page.locator('tbody a.grid-cell.drifting').first()
    const href = (await cell.getAttribute('href'))!
    const [, team, layer] = /^\/teams\/([^?]+)\?layer=(\w+)$/.exec(href)!
    await page.keyboard.press('Tab')
    await cell.focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction((path) => location.pathname === path, `/teams/${team}`)
    // The address changes a moment before the team's table replaces the desk's.
    await page.locator('table.team-rhythms').waitFor()
    const expected = await api<{ rhythms: Array<{ name: string; state: string }> }>(
      `/v1/rhythms?team=${team}&layer=${layer}`,
    )
    const names = await page.locator('tbody th[scope="row"]').allInnerTexts()
    expect(names.map((name) => name.split('\n')[0]!.trim())).toEqual(
      expected.rhythms.map((rhythm) => rhythm.name),
    )
    expect(await page.locator('tbody .state-mark').first().innerText()).toContain('drifting')
    await screenshot('team-1920x1080')
  })

  describe('/rhythms/[id]', () => rhythmPageTests(views))
  describe('/teams/[team]', () => teamPageTests(views))
  describe('/summary/[month]', () => summaryPageTests(views))
  describe('signing in, and who sees what', () => accessTests(views))

  // Last: it stops and restarts the service under the others.
  it('says the service is away (and since when), then recovers by itself when it is back', async () => {
    await openWall()
    const stoppedAt = Date.now()
    await stack.stopIngest()
    const banner = page.locator('.stale-banner')
    await banner.waitFor({ timeout: 15_000 })
    expect(await banner.innerText()).toMatch(/not live/i)
    expect(await banner.innerText()).toMatch(/since \d\d:\d\d:\d\d UTC/)
    expect(Date.now() - stoppedAt).toBeLessThan(15_000)
    // The last good data stays on screen under the banner.
    expect(await page.locator('section[data-layer]').count()).toBe(7)
    await screenshot('wall-stale')

    const desk = await stack.signedInPage(HD)
    await desk.goto(`${stack.webUrl}/`)
    expect(await desk.locator('[role="alert"]').innerText()).toMatch(/not answering/)
    await screenshot('desk-service-down', desk)
    await desk.close()

    await stack.startIngest()
    await banner.waitFor({ state: 'detached', timeout: 20_000 })
    await page.locator('.live-status .label', { hasText: 'Live' }).waitFor({ timeout: 5_000 })
  }, 90_000)
})
