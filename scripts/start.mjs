#!/usr/bin/env node
// `pnpm start`: the ingest service and the dashboard side by side. Prints the dashboard's URL
// once it answers, passes Ctrl-C and SIGTERM on to both, and stops both when either stops.
import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const env = process.env
const apiPort = env.BATON_API_PORT || '8787'
const webPort = env.BATON_WEB_PORT || '3000'
const webHost = env.BATON_WEB_HOST || '127.0.0.1'
const apiUrl = env.BATON_API_URL || `http://${reachable(env.BATON_API_HOST)}:${apiPort}`

const children = [
  // The same heap bound as the service's own start script (apps/ingest/package.json).
  run('ingest', ['--max-old-space-size=256', 'apps/ingest/dist/src/main.js', 'start'], {}),
  run('dashboard', ['apps/dashboard/build/index.js'], {
    BATON_WEB_PORT: webPort,
    BATON_WEB_HOST: webHost,
    BATON_API_URL: apiUrl,
    // Open live streams would otherwise hold a stop for adapter-node's default 30 s.
    BATON_WEB_SHUTDOWN_TIMEOUT: env.BATON_WEB_SHUTDOWN_TIMEOUT || '2',
    // Forms (check-ins) are refused as cross-site unless the dashboard knows its own address.
    BATON_WEB_ORIGIN: env.BATON_WEB_ORIGIN || `http://${reachable(webHost)}:${webPort}`,
  }),
]

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal))
process.on('exit', () => children.forEach((child) => child.exitCode === null && child.kill()))

// Said last, once both answer, so the address is not lost among the service's start-up lines.
const url = `http://${reachable(webHost)}:${webPort}`
const api = new URL(apiUrl)
const ready = await Promise.all([
  answers(api.hostname, Number(api.port || 80)),
  answers(reachable(webHost), Number(webPort)),
])
if (ready.every(Boolean)) console.log(`\nBaton dashboard: ${url}  (wall screen: ${url}/wall)\n`)

/** Starts one part in its own process group, so a terminal's Ctrl-C reaches it once, from us. */
function run(name, args, extraEnv) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: 'inherit',
    detached: true,
  })
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`baton: the ${name} stopped (${signal ?? `exit ${code}`})`)
    stopAll('SIGTERM', code ?? 1)
  })
  return child
}

function stopAll(signal, code = 0) {
  if (!stopping) process.exitCode = code
  stopping = true
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null)
  if (running.length === 0) process.exit()
  // Once each: a second signal would cut a graceful shutdown short.
  for (const child of running) if (!child.killed) child.kill(signal)
}

async function answers(host, port, timeoutMs = 120_000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs && !stopping;) {
    const open = await new Promise((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.end()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (open) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

// A server listening on every address is reached on loopback from here.
function reachable(host) {
  return !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
}
