import { expect, it } from 'vitest'
import { timelineOf } from '../src/routes/(app)/rhythms/[id]/slot-timeline.js'
import { DEMO_TOKEN } from './stack.js'
import { api, openLive, postBeat, screenshot } from './views.js'
import type { Evaluation } from '@baton/cadence'
import type { Views } from './views.js'

interface RhythmBody {
  rhythm: { name: string }
  evaluation: Evaluation
  beats: Array<{ player: string | null; ok: boolean; origin: string }>
}

/** `/rhythms/[id]`: the slot timeline, the lateness chart, players, and checking in. */
export function rhythmPageTests(views: Views): void {
  it('draws the slots by shape, the lateness chart and the players off the beat', async () => {
    const { page, stack } = views
    const body = await api<RhythmBody>(views, '/v1/rhythms/acme-nightly-backups')
    const bars = timelineOf(body.evaluation.slots)
    await page.goto(`${stack.webUrl}/rhythms/acme-nightly-backups`)
    expect(await page.locator('h1').innerText()).toBe(body.rhythm.name)

    const drawn = page.locator('.slot-timeline g.bar')
    expect(await drawn.count()).toBe(bars.length)
    const outcomes = await drawn.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-outcome')),
    )
    expect(new Set(outcomes)).toEqual(new Set(bars.map((bar) => bar.outcome)))
    // Each outcome has its own shape: a note head, a rest's zigzag, a struck note, a hollow one.
    const shape = { on_time: 'circle', missed: 'path', failed: 'line', pending: 'circle' }
    for (const [outcome, element] of Object.entries(shape)) {
      if (!outcomes.includes(outcome)) continue
      const glyphs = page.locator(`g.bar[data-outcome="${outcome}"] .slot-glyph ${element}`)
      expect(await glyphs.count(), outcome).toBeGreaterThan(0)
    }
    expect(await page.locator('.slot-legend li').allInnerTexts()).toEqual([
      'on time',
      'late',
      'missed',
      'failed',
      'pending',
      'rest',
    ])

    const canvas = page.locator('.lateness-chart canvas').first()
    await canvas.waitFor({ timeout: 5_000 })
    const box = (await canvas.boundingBox())!
    expect(box.width).toBeGreaterThan(600)
    expect(box.height).toBeGreaterThan(250)
    // Something was drawn: the canvas is not blank.
    const inked = await canvas.evaluate((element: HTMLCanvasElement) => {
      const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height)
      return data.some((value, index) => index % 4 === 3 && value > 0)
    })
    expect(inked).toBe(true)

    const off = (body.evaluation.players ?? []).filter((player) => player.state !== 'tight')
    const named = await page.locator('.off-beat-players tbody th').allInnerTexts()
    for (const player of off) expect(named.join('\n')).toContain(player.player)
    await screenshot(page, 'rhythm-1920x1080')
  })

  it('records a check-in from the rhythm page, as the signed-in person', async () => {
    const { page, stack } = views
    await openLive(views, '/rhythms/acme-dr-drill')
    const player = `check-in-${Date.now()}`
    await page.getByLabel('Who played it').fill(player)
    await page.getByRole('button', { name: 'Done' }).click()
    const status = page.locator('.check-in [role="status"]')
    await expect.poll(() => status.innerText()).toMatch(/^Recorded: played at \d\d:\d\d:\d\d \w+/)
    const body = await api<RhythmBody>(views, '/v1/rhythms/acme-dr-drill')
    expect(body.beats.find((beat) => beat.player === player)).toMatchObject({
      ok: true,
      origin: 'api',
    })
    await expect.poll(() => page.locator('.recent-beats').innerText()).toContain(player)
    expect(stack.webUrl).not.toContain(DEMO_TOKEN)
    await screenshot(page, 'rhythm-check-in-1920x1080')
  })

  it('shows a new beat of the rhythm within seconds, by itself', async () => {
    const { page } = views
    await openLive(views, '/rhythms/acme-dr-drill')
    const player = `live-${Date.now()}`
    await postBeat(views, 'acme-dr-drill', { player }, DEMO_TOKEN)
    await page.locator('.recent-beats td', { hasText: player }).waitFor({ timeout: 5_000 })
  })
}
