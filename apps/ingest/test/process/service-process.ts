import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { ChildProcess } from 'node:child_process'

const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url))

/** Two starts of the built service on PGlite: seconds alone, far longer beside the rest of the suite. */
export const PROCESS_TEST_TIMEOUT = 90_000

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

/** The built service (`baton start`) as a child process, resolved once /readyz answers. */
export async function startServiceProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort()
  const child = spawn(process.execPath, [MAIN, 'start'], {
    env: { ...process.env, ...env, BATON_API_PORT: String(port), BATON_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${output}`)
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    if (Date.now() > deadline) throw new Error(`service not ready in time:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, url, output: () => output }
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
