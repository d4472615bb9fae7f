import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'

// A local HTTP server speaking ConnectWise PSA's and NinjaOne's formats (vendor-apis.md §1, §4)
// for the connector benchmark, in its own process. Records come from the same builders the
// connector tests use. A real vendor renders pages on its own machines; here the server shares
// the sync's two cores, so it renders every page it will serve before it listens, and then only
// writes bytes. Filters are not applied: every record is inside the sync's history window, so a
// first sync reads all. Prints `listening <port>` when ready.

const dist = new URL('../../../apps/ingest/dist/test/vendors/', import.meta.url)
type Json = Record<string, unknown>
const { makeConnectWiseTicket } = (await import(
  new URL('connectwise/connectwise-tickets.js', dist).href
)) as { makeConnectWiseTicket: (i: number, o?: Json, shape?: { epoch?: number }) => Json }
const { makeNinjaBackupJob, makeNinjaDevice, NINJA_DEVICES, NINJA_EPOCH_S } = (await import(
  new URL('ninjaone/ninjaone-data.js', dist).href
)) as {
  makeNinjaBackupJob: (i: number, o?: Json) => Json
  makeNinjaDevice: (i: number, o?: Json) => Json
  NINJA_DEVICES: number
  NINJA_EPOCH_S: number
}

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000)
const JOBS = Number(process.env.BENCH_BACKUP_JOBS ?? 200_000)
const DAY_S = 86_400
const nowMs = Date.now()
// The last ticket is entered a day ago; ticket i is entered i minutes after the first.
const ticketEpoch = nowMs - (TICKETS + 1_440) * 60_000
// The builders' jobs are nightly from NINJA_EPOCH_S; shift them so the last night was yesterday.
const jobShiftS =
  Math.floor(nowMs / 1000) - DAY_S - NINJA_EPOCH_S - Math.ceil(JOBS / NINJA_DEVICES) * DAY_S

let requests = 0

const server = createServer((request, response) => {
  requests++
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`)
  try {
    if (url.pathname.endsWith('/service/tickets/count')) return json(response, { count: TICKETS })
    if (url.pathname.endsWith('/service/tickets')) return connectWiseTickets(url, response)
    if (url.pathname === '/ws/oauth/token') return ninjaToken(request, response)
    if (url.pathname === '/v2/devices') return ninjaDevices(url, response)
    if (url.pathname === '/v2/backup/jobs') return ninjaBackupJobs(url, response)
    if (url.pathname === '/v2/queries/os-patch-installs') {
      return json(response, { cursor: null, results: [] })
    }
    if (url.pathname === '/requests') return json(response, { requests })
    json(response, { message: `not served here: ${url.pathname}` }, 404)
  } catch (error) {
    json(response, { message: String(error) }, 500)
  }
})

/** Pages rendered ahead, by their first record and size. */
const rendered = new Map<string, Buffer>()

function renderedPage(key: string, render: () => unknown): Buffer {
  let page = rendered.get(key)
  if (!page) rendered.set(key, (page = Buffer.from(JSON.stringify(render()))))
  return page
}

function ticketPage(first: number, size: number): Buffer {
  return renderedPage(`tickets:${first}:${size}`, () => {
    const tickets: Json[] = []
    for (let i = first; i < Math.min(first + size, TICKETS); i++) {
      tickets.push(makeConnectWiseTicket(i, {}, { epoch: ticketEpoch }))
    }
    return tickets
  })
}

function connectWiseTickets(url: URL, response: ServerResponse): void {
  const page = Number(url.searchParams.get('page') ?? 1)
  const size = Math.min(Number(url.searchParams.get('pageSize') ?? 25), 1000)
  const first = (page - 1) * size
  const headers: Record<string, string> = {}
  if (first + size < TICKETS) {
    const next = new URL(url)
    next.searchParams.set('page', String(page + 1))
    headers.Link = `<${next.href}>; rel="next"`
  }
  send(response, ticketPage(first, size), headers)
}

function ninjaToken(request: IncomingMessage, response: ServerResponse): void {
  request.resume()
  json(response, { access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 })
}

function ninjaDevices(url: URL, response: ServerResponse): void {
  const after = Number(url.searchParams.get('after') ?? 0)
  const size = Number(url.searchParams.get('pageSize') ?? 1000)
  const devices: Json[] = []
  for (let id = after + 1; id <= Math.min(after + size, NINJA_DEVICES); id++) {
    devices.push(makeNinjaDevice(id))
  }
  json(response, devices)
}

function backupJobPage(offset: number, size: number): Buffer {
  return renderedPage(`jobs:${offset}:${size}`, () => {
    const results: Json[] = []
    for (let i = offset; i < Math.min(offset + size, JOBS); i++) {
      const job = makeNinjaBackupJob(i)
      job.jobStartTime = (job.jobStartTime as number) + jobShiftS
      job.jobEndTime = (job.jobEndTime as number) + jobShiftS
      results.push(job)
    }
    const name = String(offset + results.length)
    return { cursor: { name, offset, count: results.length, expires: 0 }, results }
  })
}

function ninjaBackupJobs(url: URL, response: ServerResponse): void {
  const offset = Number(url.searchParams.get('cursor') ?? 0)
  const size = Number(url.searchParams.get('pageSize') ?? 10_000)
  send(response, backupJobPage(offset, size))
}

function json(response: ServerResponse, body: unknown, status = 200, headers = {}): void {
  send(response, Buffer.from(JSON.stringify(body)), headers, status)
}

function send(response: ServerResponse, body: Buffer, headers = {}, status = 200): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    ...headers,
  })
  response.end(body)
}

// The pages the connectors ask for: ConnectWise pages of 1,000 (its maximum), NinjaOne pages of
// the connector's default size. Another size is rendered on its first request.
const CW_PAGE = Number(process.env.BENCH_CW_PAGE ?? 1000)
const NINJA_PAGE = Number(process.env.BENCH_NINJA_PAGE ?? 1000)
for (let first = 0; first < TICKETS; first += CW_PAGE) ticketPage(first, CW_PAGE)
for (let offset = 0; offset <= JOBS; offset += NINJA_PAGE) backupJobPage(offset, NINJA_PAGE)

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
