import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { freePort } from '../ingest/service.js'
import { ROOT } from '../ingest/setup.js'

const DASHBOARD_MAIN = join(ROOT, 'apps/dashboard/build/index.js')
const KEPT_LINES = 40

/** The built dashboard (adapter-node), started as `node apps/dashboard/build` would be. */
export interface Dashboard {
  url: string
  stop(): Promise<void>
}

/** Starts the dashboard on a free port against the service at `apiUrl`; resolves once it answers. */
export async function startDashboard({
  apiUrl,
  timeoutMs = 30_000,
}: {
  apiUrl: string
  timeoutMs?: number
}): Promise<Dashboard> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [DASHBOARD_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      BATON_WEB_PORT: String(port),
      BATON_WEB_HOST: '127.0.0.1',
      BATON_WEB_ORIGIN: url,
      BATON_API_URL: apiUrl,
      BATON_WEB_SHUTDOWN_TIMEOUT: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const output: string[] = []
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    output.push(...chunk.split('\n').filter(Boolean))
    output.splice(0, output.length - KEPT_LINES)
  })
  const exited = once(child, 'exit')
  const started = performance.now()
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the dashboard exited (${child.exitCode}):\n${output.join('\n')}`)
    }
    const answered = await fetch(`${url}/favicon.svg`).then(
      (response) => response.ok,
      () => false,
    )
    if (answered) break
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL')
      throw new Error(`the dashboard did not answer within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
