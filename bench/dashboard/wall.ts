import { gzipSync } from 'node:zlib'
import { signedInContext } from './browser.js'
import type { Browser } from './browser.js'

// Set by the wall once its bands first show their counts in the browser (hydrated).
const DRAWN = '.wall[data-drawn]'
const DRAWN_MARK = 'baton:wall-drawn'

/** The JavaScript a cold browser downloads to show /wall, raw and as gzip would send it. */
export async function wallJavaScript(browser: Browser, url: string, token: string) {
  const context = await signedInContext(browser, url, token)
  const page = await context.newPage()
  const bodies: Array<Promise<Buffer>> = []
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.js')) bodies.push(response.body())
  })
  await page.goto(`${url}/wall`)
  await page.waitForSelector(DRAWN, { timeout: 30_000 })
  // Chunks a hydrated page asks for a moment later count too.
  await page.waitForTimeout(2_000)
  const files = await Promise.all(bodies)
  await context.close()
  return {
    files: files.length,
    rawBytes: files.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: files.reduce((sum, body) => sum + gzipSync(body).length, 0),
  }
}

/**
 * Opens /wall in a fresh context (no cache, no cookies) and times it from navigation start to
 * the first complete screen: the layer bands drawn with their counts, hydrated. Also returns
 * when the HTML's first byte came.
 */
export async function wallFirstScreen(browser: Browser, url: string, token: string) {
  const context = await signedInContext(browser, url, token)
  const page = await context.newPage()
  await page.goto(`${url}/wall`, { waitUntil: 'commit' })
  await page.waitForSelector(DRAWN, { timeout: 30_000 })
  // Run in the page as text: the bench is compiled without the DOM's types.
  const timing = (await page.evaluate(`({
    drawnMs: performance.getEntriesByName(${JSON.stringify(DRAWN_MARK)})[0]?.startTime ?? NaN,
    firstByteMs: performance.getEntriesByType('navigation')[0]?.responseStart ?? NaN,
    bands: document.querySelectorAll('section[data-layer] .count .n').length,
  })`)) as { drawnMs: number; firstByteMs: number; bands: number }
  await context.close()
  return timing
}
