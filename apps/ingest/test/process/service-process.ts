import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { ChildProcess } from 'node:child_process'

const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url))

/** Two starts of the built service on PGlite and a command: seconds alone, far longer under load. */
export const PROCESS_TEST_TIMEOUT = 90_000

/** Longest wait for one answer from a child service: a stalled one fails the step, not the test. */
const ANSWER_TIMEOUT_MS = 5_000

/** A free loopback port, for a service started as its own process. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface ServiceProcess {
  child: ChildProcess
  url: string
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string
}

/** The built service (`baton start`) as a child process, just spawned. */
export async function spawnService(
  env: Record<string, string>,
  logLevel = 'warn',
): Promise<ServiceProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [MAIN, 'start'], {
    env: { ...process.env, ...env, BATON_API_PORT: String(port), BATON_LOG_LEVEL: logLevel },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return { child, url: `http://127.0.0.1:${port}`, output: () => output }
}

/** The built service as a child process, resolved once /readyz answers. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const service = await spawnService(env)
  const { child, url, output } = service
  const deadline = Date.now() + 45_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${output()}`)
    if (
      await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) }).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`service not ready in time:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return service
}

/** A built `baton` command to its end: its exit code and what it printed. */
export async function runCommand(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await stopped(child)
  return { code, stdout, stderr }
}

export async function stopped(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

/** SIGTERM, then the exit code; a service that does not shut down in time fails with its output. */
export async function terminated(
  service: ServiceProcess,
  withinMs = 20_000,
): Promise<number | null> {
  service.child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      service.child.kill('SIGKILL')
      reject(
        new Error(`service did not exit within ${withinMs} ms of SIGTERM:\n${service.output()}`),
      )
    }, withinMs)
  })
  try {
    return await Promise.race([stopped(service.child), late])
  } finally {
    clearTimeout(timer)
  }
}

const OWNER = { email: 'owner@process.test', password: 'process test password' }

/** Adds an owner with `baton account add`, before the service starts on the same data. */
export async function addOwner(env: Record<string, string>): Promise<void> {
  const added = await runCommand(['account', 'add', '--email', OWNER.email], {
    ...env,
    BATON_PASSWORD: OWNER.password,
  })
  if (added.code !== 0) throw new Error(`account add failed: ${added.stderr}`)
}

/** Signs the owner in to a running service: headers for reading its API. */
export async function ownerHeaders(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  })
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`)
  const { token } = (await response.json()) as { token: string }
  return { authorization: `Bearer ${token}` }
}
