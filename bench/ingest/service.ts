import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { INGEST_MAIN, INGEST_PACKAGE } from './setup.js'

const POLL_MS = 20
// Long enough for a full evaluation pass, which a stopping service finishes first.
const STOP_TIMEOUT_MS = 60_000
const KEPT_LINES = 40

/** The real ingest service, started as `baton start` in a child process. */
export interface Service {
  pid: number
  url: string
  /** From spawning the process to the first 200 from /readyz. */
  readyMs: number
  /** Resident memory now (VmRSS) and its peak so far (VmHWM), in MB; undefined off Linux. */
  memory(): { rssMb?: number; peakMb?: number }
  /** Stops it with SIGINT, as a terminal would, and resolves with the time it took to exit. */
  stop(): Promise<number>
}

/**
 * The Node flags the service runs with, as its package's start script gives them (its heap
 * bound): the bench measures the service as it is started, not a differently tuned one.
 */
export function serviceNodeArgs(): string[] {
  const manifest = JSON.parse(readFileSync(INGEST_PACKAGE, 'utf8')) as {
    scripts: { start: string }
  }
  const [command, ...words] = manifest.scripts.start.split(/\s+/)
  if (command !== 'node') throw new Error(`unexpected start script: ${manifest.scripts.start}`)
  return words.filter((word) => word.startsWith('--'))
}

/**
 * Starts `node apps/ingest/dist/src/main.js start` (with the flags of the package's start
 * script) with `env` on a free port and waits until
 * /readyz answers 200. The environment is the caller's alone: no BATON_* or DATABASE_URL leaks
 * in from the shell that runs the bench.
 */
export async function startService({
  env,
  nodeArgs = [],
  timeoutMs = 120_000,
}: {
  env: Record<string, string>
  nodeArgs?: string[]
  timeoutMs?: number
}): Promise<Service> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, [...serviceNodeArgs(), ...nodeArgs, INGEST_MAIN, 'start'], {
    env: { ...baseEnv(), ...env, BATON_API_PORT: String(port), BATON_API_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      output.push(...chunk.split('\n').filter(Boolean))
      output.splice(0, output.length - KEPT_LINES)
    })
  }
  const exited = once(child, 'exit')
  let exitCode: number | null | undefined
  void exited.then(([code]) => (exitCode = code as number | null))

  const readyMs = await waitUntilReady(url, started, timeoutMs, () => {
    if (exitCode !== undefined) {
      throw new Error(`the service exited (${exitCode}) before it was ready:\n${output.join('\n')}`)
    }
  })
  const pid = child.pid!
  return {
    pid,
    url,
    readyMs,
    memory: () => memoryOf(pid),
    async stop() {
      const stopping = performance.now()
      if (exitCode === undefined) {
        child.kill('SIGINT')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      }
      return performance.now() - stopping
    },
  }
}

async function waitUntilReady(
  url: string,
  started: number,
  timeoutMs: number,
  checkAlive: () => void,
): Promise<number> {
  for (;;) {
    checkAlive()
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    )
    if (status === 200) return performance.now() - started
    if (performance.now() - started > timeoutMs) {
      throw new Error(`the service was not ready within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function baseEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !entry[0].startsWith('BATON_') && entry[0] !== 'DATABASE_URL',
    ),
  )
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

function memoryOf(pid: number): { rssMb?: number; peakMb?: number } {
  let status = ''
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return {}
  }
  const mbOf = (field: string) => {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]
    return kb === undefined ? undefined : Number(kb) / 1024
  }
  return { rssMb: mbOf('VmRSS'), peakMb: mbOf('VmHWM') }
}
