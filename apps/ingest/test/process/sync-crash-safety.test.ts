import { createServer } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase } from '../../src/db/connect.js'
import { makeConnectWiseTicket } from '../vendors/connectwise/connectwise-tickets.js'
import { CW_BASIC, CW_CLIENT_ID, CW_ENV } from '../vendors/connectwise/connectwise-tenant.js'
import {
  PROCESS_TEST_TIMEOUT,
  addOwner,
  ownerHeaders,
  runCommand,
  startServiceProcess,
  stopped,
  terminated,
} from './service-process.js'
import type { AddressInfo } from 'node:net'
import type { Server, ServerResponse } from 'node:http'

const TICKETS = 600
const PAGE = 20
const CODEBASE = '/v2025_1/apis/3.0'
const tickets = Array.from({ length: TICKETS }, (_, i) => makeConnectWiseTicket(i))
const lastUpdated = (ticket: Record<string, unknown>) =>
  Date.parse((ticket['_info'] as { lastUpdated: string }).lastUpdated)

/**
 * A ConnectWise PSA tenant on a real local port, for the service as a child process: tickets by
 * `lastUpdated>=[…]`, oldest change first, paged with `Link` headers, each page a little slow so
 * the sync can be killed mid-way. Keeps the `from` of every first-page request it answered.
 */
function connectWiseServer(): { server: Server; firstPagesFrom: number[] } {
  const firstPagesFrom: number[] = []
  const send = (response: ServerResponse, status: number, body: unknown, link?: string) => {
    response.writeHead(status, { 'content-type': 'application/json', ...(link && { link }) })
    response.end(JSON.stringify(body))
  }
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`)
    if (request.headers.authorization !== CW_BASIC || request.headers.clientid !== CW_CLIENT_ID) {
      return send(response, 401, { code: 'Unauthorized', message: 'Authentication failed' })
    }
    const since = /lastUpdated>=\[([^\]]+)\]/.exec(url.searchParams.get('conditions') ?? '')?.[1]
    const from = since === undefined ? 0 : Date.parse(since)
    const selected = tickets
      .filter((ticket) => lastUpdated(ticket) >= from)
      .sort((a, b) => lastUpdated(a) - lastUpdated(b) || Number(a['id']) - Number(b['id']))
    if (url.pathname === `${CODEBASE}/service/tickets/count`) {
      return send(response, 200, { count: selected.length })
    }
    if (url.pathname !== `${CODEBASE}/service/tickets`) return send(response, 404, {})
    const page = Number(url.searchParams.get('page') ?? 1)
    if (page === 1) firstPagesFrom.push(from)
    const size = Number(url.searchParams.get('pageSize') ?? 25)
    const next = new URL(url)
    next.pathname = next.pathname.replace('/service', '//service')
    next.searchParams.set('page', String(page + 1))
    const link = page * size < selected.length ? `<${next.href}>; rel="next"` : undefined
    setTimeout(() => send(response, 200, selected.slice((page - 1) * size, page * size), link), 40)
  })
  return { server, firstPagesFrom }
}

const score = (port: number) => `version: 1
organisations:
  - { id: acme, name: Acme Dental, tz: UTC }
  - { id: globex, name: Globex Law, tz: UTC }
teams:
  - { id: service-desk, name: Service desk }
integrations:
  - id: cw
    vendor: connectwise
    schedule: '0 0 1 1 *'
    organisations: { '250': acme, '251': globex }
    settings:
      baseUrl: http://127.0.0.1:${port}${CODEBASE}
      companyId: baton
      clientId: ${CW_CLIENT_ID}
      publicKey: { env: CW_PUBLIC_KEY }
      privateKey: { env: CW_PRIVATE_KEY }
      pageSize: ${PAGE}
      history: 3650d
rhythms:
  - id: acme-first-response
    name: Acme first response
    layer: note
    team: service-desk
    organisation: acme
    cadence: { kind: sla, target: 4h }
    source: { kind: tickets, measure: first-response, integration: cw, boards: [Service Desk] }
`

describe('a sync in the service process', () => {
  const dirs: string[] = []
  const vendor = connectWiseServer()
  beforeAll(async () => {
    await new Promise<void>((resolve) => vendor.server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await new Promise((resolve) => vendor.server.close(resolve))
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  })

  const storedTickets = async (dataDir: string) => {
    await using database = await connectDatabase({ dataDir })
    const rows = await database.db.selectFrom('tickets').select('external_id').execute()
    const beats = await database.db
      .selectFrom('beats')
      .select('key')
      .where('rhythm_id', '=', 'acme-first-response')
      .execute()
    return { tickets: rows.map((row) => row.external_id), beats: beats.map((beat) => beat.key) }
  }

  it(
    'resumes after a SIGKILL mid-sync from its last committed page, losing and doubling nothing',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'baton-sync-crash-'))
      dirs.push(dataDir)
      const scoreFile = join(dataDir, 'score.yaml')
      await writeFile(scoreFile, score((vendor.server.address() as AddressInfo).port))
      const env = { BATON_DATA_DIR: dataDir, BATON_SCORE: scoreFile, BATON_DEMO: 'off', ...CW_ENV }

      // The service syncs the new integration as it starts; it is killed a few pages in.
      await addOwner(env)
      const first = await startServiceProcess(env)
      const firstHeaders = await ownerHeaders(first.url)
      for (;;) {
        const response = await fetch(`${first.url}/v1/integrations`, { headers: firstHeaders })
        const body = (await response.json()) as {
          integrations: Array<{ syncing: { pages: number } | null }>
        }
        if ((body.integrations[0]?.syncing?.pages ?? 0) >= 5) break
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      first.child.kill('SIGKILL')
      await stopped(first.child)
      const killed = await storedTickets(dataDir)
      expect(killed.tickets.length).toBeGreaterThan(0)
      expect(killed.tickets.length).toBeLessThan(400)

      const second = await startServiceProcess(env)
      try {
        const headers = await ownerHeaders(second.url)
        for (;;) {
          const response = await fetch(`${second.url}/v1/integrations`, { headers })
          const body = (await response.json()) as {
            integrations: Array<{ runs: Array<{ status: string }> }>
          }
          const run = body.integrations[0]?.runs[0]
          if (run) {
            expect(run.status).toBe('succeeded')
            break
          }
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      } finally {
        expect(await terminated(second)).toBe(0)
      }

      // The second sync started from the stored watermark (less its overlap), not from the start.
      expect(vendor.firstPagesFrom).toHaveLength(2)
      expect(vendor.firstPagesFrom[1]).toBeGreaterThan(lastUpdated(tickets[0]!))
      const after = await storedTickets(dataDir)
      const mapped = tickets.filter((_, i) => i % 3 !== 2).map((ticket) => String(ticket['id']))
      expect(after.tickets.sort()).toEqual(mapped.sort())
      const responded = tickets.filter((_, i) => i % 3 === 0 && i % 5 !== 4 && i % 10 !== 9)
      expect(after.beats.sort()).toEqual(responded.map((ticket) => String(ticket['id'])).sort())
    },
    PROCESS_TEST_TIMEOUT,
  )

  // `baton sync` reads the vendor on a worker thread (threaded-connector.ts): the pages it
  // parses there are the records stored here, and a vendor failure there is the run's error.
  it(
    'baton sync stores what its reading thread parsed, and reports a vendor failure from it',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'baton-sync-thread-'))
      dirs.push(dataDir)
      const scoreFile = join(dataDir, 'score.yaml')
      await writeFile(scoreFile, score((vendor.server.address() as AddressInfo).port))
      const env = { BATON_DATA_DIR: dataDir, BATON_SCORE: scoreFile, ...CW_ENV }

      const synced = await runCommand(['sync', 'cw'], env)
      expect(synced.stderr).toBe('')
      expect(synced.code).toBe(0)
      expect(synced.stdout).toContain(`sync cw succeeded`)
      expect(synced.stdout).toMatch(/requests {2}\d+ \(0 retries\)/)
      const stored = await storedTickets(dataDir)
      const mapped = tickets.filter((_, i) => i % 3 !== 2).map((ticket) => String(ticket['id']))
      expect(stored.tickets.sort()).toEqual(mapped.sort())
      expect(synced.stdout).toContain(`${mapped.length} records read: ${mapped.length} new`)

      const refused = await runCommand(['sync', 'cw', '--since', '30d'], {
        ...env,
        CW_PRIVATE_KEY: 'wrong',
      })
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/sync cw failed after [\d.]+s: connectwise: GET \S+: 401/)
    },
    PROCESS_TEST_TIMEOUT,
  )
})
