import { expect, it } from 'vitest'
import { DEMO_TOKEN } from './stack.js'
import { api, openLive, postBeat, screenshot } from './views.js'
import type { Views } from './views.js'

interface RhythmsBody {
  rhythms: Array<{ id: string; name: string; recent: unknown[] }>
}

/** `/teams/[team]`: sparklines, links to each rhythm, and live reloads. */
export function teamPageTests(views: Views): void {
  it("shows each rhythm's last beats as a sparkline, and opens the rhythm from its name", async () => {
    const { page, stack } = views
    const { rhythms } = await api<RhythmsBody>(views, '/v1/rhythms?team=infrastructure&limit=200')
    await page.goto(`${stack.webUrl}/teams/infrastructure`)
    const sparklines = page.locator('.team-rhythms tbody svg.slot-sparkline')
    expect(await sparklines.count()).toBe(rhythms.length)
    const first = rhythms[0]!
    expect(await sparklines.first().locator('.slot-glyph').count()).toBe(first.recent.length)
    expect(await sparklines.first().getAttribute('aria-label')).toMatch(/^last \d+ slots/)
    await screenshot(page, 'team-sparklines-1920x1080')

    await page.locator('.team-rhythms tbody th a').first().click()
    await page.waitForURL(`${stack.webUrl}/rhythms/${first.id}`)
    await expect.poll(() => page.locator('h1').innerText()).toBe(first.name)
  })

  it('reloads the team by itself when one of its rhythms plays a beat', async () => {
    const { page } = views
    await openLive(views, '/teams/infrastructure')
    const reloaded = page.waitForRequest(
      (request) => request.url().includes('/teams/infrastructure/__data.json'),
      { timeout: 10_000 },
    )
    await postBeat(views, 'acme-dr-drill', { player: `team-${Date.now()}` }, DEMO_TOKEN)
    await reloaded
  })
}
