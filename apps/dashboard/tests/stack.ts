import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { ChildProcess } from 'node:child_process'
import type { Browser, Page, ViewportSize } from 'playwright-core'

// The real stack, as built by `pnpm build`: these tests build nothing themselves.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const INGEST_MAIN = join(ROOT, 'apps/ingest/dist/src/main.js')
const DASHBOARD_MAIN = join(ROOT, 'apps/dashboard/build/index.js')

export const DEMO_TOKEN = 'demo-token'
export const DEMO_PASSWORD = 'baton-demo'
export const DEMO_KIOSK_TOKEN = `bk_${'demo'.repeat(10)}abc`

/** The ingest service on PGlite with the demo, the built dashboard, and a headless Chromium. */
export interface Stack {
  apiUrl: string
  webUrl: string
  browser: Browser
  /** The demo owner's session token, for reading the API the way the dashboard does. */
  ownerToken: string
  /** A new browser page signed in as a demo account (the owner unless said otherwise). */
  signedInPage(viewport: ViewportSize, email?: string): Promise<Page>
  /** Stops the ingest service (the dashboard and browser stay up). */
  stopIngest(): Promise<void>
  /** Starts it again on the same port and data, as after a restart. */
  startIngest(): Promise<void>
  stop(): Promise<void>
}

/** `ingestEnv`: more configuration for the ingest service (single sign-on in the view tests). */
export async function startStack(
  options: { ingestEnv?: Record<string, string> } = {},
): Promise<Stack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-dashboard-test-'))
  const [apiPort, webPort] = [await freePort(), await freePort()]
  const apiUrl = `http://127.0.0.1:${apiPort}`
  const webUrl = `http://127.0.0.1:${webPort}`
  const ingestEnv = {
    BATON_API_PORT: String(apiPort),
    BATON_API_HOST: '127.0.0.1',
    BATON_DATA_DIR: dataDir,
    BATON_DEMO: 'on',
    BATON_LOG_LEVEL: 'warn',
    ...options.ingestEnv,
  }
  let ingest: Running | undefined
  let dashboard: Running | undefined
  let browser: Browser | undefined

  const startIngest = async () => {
    ingest = launch('ingest', [INGEST_MAIN, 'start'], ingestEnv)
    await waitFor(`${apiUrl}/readyz`, ingest, 180_000)
  }
  const stopIngest = async () => {
    await stopProcess(ingest)
    ingest = undefined
  }
  const stop = async () => {
    await browser?.close()
    await Promise.all([stopProcess(dashboard), stopProcess(ingest)])
    await rm(dataDir, { recursive: true, force: true })
  }

  try {
    const browserStarting = launchBrowser()
    dashboard = launch('dashboard', [DASHBOARD_MAIN], {
      BATON_WEB_PORT: String(webPort),
      BATON_WEB_HOST: '127.0.0.1',
      // Served over plain HTTP: without it SvelteKit assumes https and refuses form posts.
      BATON_WEB_ORIGIN: webUrl,
      BATON_API_URL: apiUrl,
      BATON_WEB_SHUTDOWN_TIMEOUT: '1',
    })
    await Promise.all([startIngest(), waitFor(`${webUrl}/login`, dashboard, 30_000)])
    browser = await browserStarting
  } catch (error) {
    await stop()
    throw error
  }
  const ownerToken = await signIn(apiUrl, 'owner@demo.baton')
  const signedInPage = async (viewport: ViewportSize, email = 'owner@demo.baton') => {
    const context = await browser!.newContext({ viewport })
    const token = email === 'owner@demo.baton' ? ownerToken : await signIn(apiUrl, email)
    await context.addCookies([{ name: 'baton_token', value: token, url: webUrl, httpOnly: true }])
    return context.newPage()
  }
  return { apiUrl, webUrl, browser, ownerToken, signedInPage, stopIngest, startIngest, stop }
}

/** A demo account's session token, from the service's sign-in. */
export async function signIn(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  })
  if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status}`)
  return ((await response.json()) as { token: string }).token
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

interface Running {
  name: string
  child: ChildProcess
  /** The end of its stderr: a service that dies at start says why. */
  stderr: () => string
}

function launch(name: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + String(chunk)).slice(-4000)))
  return { name, child, stderr: () => stderr.trim() }
}

async function waitFor(url: string, running: Running, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(
        `the ${running.name} exited (${running.child.exitCode}) before ${url} answered: ${running.stderr()}`,
      )
    }
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

async function stopProcess(running: Running | undefined): Promise<void> {
  const child = running?.child
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(killer)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
