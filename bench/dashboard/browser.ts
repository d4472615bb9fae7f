import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from '../ingest/setup.js'
import type * as Playwright from '../../apps/dashboard/node_modules/playwright-core/index.js'

export type Browser = Playwright.Browser
export type Page = Playwright.Page

/**
 * Debian's Chromium through playwright-core, as the dashboard's browser tests start it. The
 * library is the dashboard's (the bench is no workspace package), so it is imported by path.
 */
export async function launchChromium(): Promise<Browser> {
  const entry = join(ROOT, 'apps/dashboard/node_modules/playwright-core/index.mjs')
  const { chromium } = (await import(pathToFileURL(entry).href)) as typeof Playwright
  return chromium.launch({
    executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** The page's live JavaScript heap after two forced full collections, in bytes (CDP). */
export async function collectedHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')
    if (!used) throw new Error('Chromium reported no JSHeapUsedSize')
    return used.value
  } finally {
    await cdp.detach()
  }
}

/**
 * A fresh browser context (no cache) already signed in to the dashboard at `url`, as the
 * dashboard keeps a sign-in: its token in the `baton_token` cookie.
 */
export async function signedInContext(browser: Browser, url: string, token: string) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  await context.addCookies([{ name: 'baton_token', value: token, url, httpOnly: true }])
  return context
}
