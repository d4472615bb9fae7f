import { setTimeout as sleep } from 'node:timers/promises'
import { collectedHeap, signedInContext } from './browser.js'
import type { Browser } from './browser.js'

// Once its rhythm index is in, the wall settles before its idle heap is taken.
const SETTLE_MS = 15_000
// Then beats play for a while before the baseline: the first minute fills the wall's bounded
// buffers (its 120-beat log) and runs each code path once, a one-time step of about 0.7 MB
// that then stays flat. The soak measures what comes after: growth that does not stop.
const WARM_UP_MS = 60_000
const WARM_UP_BEATS = 240
// After the last beat: the wall's batched reload (3 s) lands before the last heap is taken.
const QUIET_MS = 6_000
const SAMPLE_MS = 60_000

export interface SoakResult {
  /** Collected JS heap of the wall page before any beat was posted, bytes. */
  idle: number
  /** Collected JS heap after the warm-up (the baseline) and after the soak, bytes. */
  before: number
  after: number
  /** Collected heap each minute of the soak, bytes. */
  samples: number[]
  /** Beats posted in all, and in the warm-up before the baseline. */
  posted: number
  warmUpBeats: number
  /** POSTs not answered 201 (0: no answer at all). */
  failed: Record<number, number>
  /** How many times the wall reloaded its data meanwhile. */
  reloads: number
  /** Beats the wall's ticker was showing at the end: it kept listening. */
  tickerBeats: number
}

/**
 * Keeps /wall open while beats are posted through the ping API at `rate` a second for
 * `minutes`, and measures the page's collected JS heap before, during and after.
 */
export async function soakWall({
  browser,
  webUrl,
  apiUrl,
  token,
  readToken,
  rhythmIds,
  minutes,
  rate,
}: {
  browser: Browser
  webUrl: string
  apiUrl: string
  token: string
  /** A signed-in reader's token, for the wall itself. */
  readToken: string
  rhythmIds: readonly string[]
  minutes: number
  rate: number
}): Promise<SoakResult> {
  const context = await signedInContext(browser, webUrl, readToken)
  const page = await context.newPage()
  let reloads = 0
  page.on('request', (request) => {
    if (request.url().includes('/wall/__data.json')) reloads++
  })
  // The rhythm index (every rhythm's name, layer and team) loads after the first screen; the
  // baseline is taken with it in memory, as on a wall that has been up for a while.
  const indexed = page.waitForResponse((response) => response.url().endsWith('/api/rhythm-index'), {
    timeout: 120_000,
  })
  await page.goto(`${webUrl}/wall`)
  const index = await indexed
  await index.finished()
  await page.waitForSelector('.wall[data-drawn]', { timeout: 30_000 })
  await page.locator('.live-status .label', { hasText: 'Live' }).waitFor({ timeout: 30_000 })
  await sleep(SETTLE_MS)
  const idle = await collectedHeap(page)

  const result = { posted: 0, failed: {} as Record<number, number> }
  const posts = new Set<Promise<void>>()
  let lastAt = 0
  let sent = 0
  // Posts at `rate` a second until `until`, taking the heap each minute into `samples` if given.
  const play = async (until: number, samples?: number[]) => {
    const started = performance.now()
    let nextSample = started + SAMPLE_MS
    for (let i = 0; performance.now() < until; i++) {
      await sleep(Math.max(0, started + (i * 1_000) / rate - performance.now()))
      const at = (lastAt = Math.max(Date.now(), lastAt + 1))
      const post = postBeat(apiUrl, token, rhythmIds[sent++ % rhythmIds.length]!, at).then(
        (status) => {
          if (status === 201) result.posted++
          else result.failed[status] = (result.failed[status] ?? 0) + 1
        },
      )
      posts.add(post)
      void post.finally(() => posts.delete(post))
      if (samples && performance.now() >= nextSample) {
        nextSample += SAMPLE_MS
        samples.push(await collectedHeap(page))
      }
    }
  }

  await play(performance.now() + Math.max(WARM_UP_MS, (WARM_UP_BEATS / rate) * 1_000))
  await Promise.all(posts)
  const warmUpBeats = result.posted
  const before = await collectedHeap(page)
  reloads = 0
  const samples: number[] = []
  await play(performance.now() + minutes * 60_000, samples)
  await Promise.all(posts)
  await sleep(QUIET_MS)
  const after = await collectedHeap(page)
  const tickerBeats = await page.locator('.beat-ticker li').count()
  await context.close()
  return { idle, before, after, samples, reloads, tickerBeats, warmUpBeats, ...result }
}

async function postBeat(url: string, token: string, rhythmId: string, at: number): Promise<number> {
  try {
    const response = await fetch(`${url}/v1/beats/${rhythmId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ at }),
    })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}
