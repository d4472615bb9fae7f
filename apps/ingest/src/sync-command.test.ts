import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupConnector } from '../test/backup-connector.js'
import { terminal } from '../test/terminal.js'
import { runCli } from './cli.js'
import { syncCommand } from './sync-command.js'
import type { ConnectorBuilder } from './connectors/registry.js'

const SCORE = `version: 1
organisations:
  - { id: acme, name: Acme Dental, tz: UTC }
teams:
  - { id: infrastructure, name: Infrastructure }
integrations:
  - id: rmm
    vendor: ninjaone
    schedule: '0 0 1 1 *'
    organisations: { '1': acme }
    settings:
      region: eu
      clientId: { env: BATON_TEST_NINJA_CLIENT_ID }
      clientSecret: { env: BATON_TEST_NINJA_CLIENT_SECRET }
rhythms:
  - id: acme-backups
    name: Acme nightly backups
    layer: measure
    team: infrastructure
    organisation: acme
    cadence: { kind: schedule, cron: '0 6 * * *', grace: 2h }
    source: { kind: backups, integration: rmm }
`

describe('baton sync', () => {
  let dir: string
  let env: NodeJS.ProcessEnv
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-sync-'))
    await writeFile(join(dir, 'score.yaml'), SCORE)
    env = { BATON_SCORE: join(dir, 'score.yaml'), BATON_DATA_DIR: 'memory://' }
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const withPages =
    (pages: number, failAt?: number): ConnectorBuilder =>
    () =>
      backupConnector({ now: Date.now(), pages, ...(failAt === undefined ? {} : { failAt }) })

  it('runs one sync, shows its progress as lines off a terminal, and prints the summary', async () => {
    const io = terminal(env)
    const code = await syncCommand({ integrationId: 'rmm', io, connectors: withPages(3) })

    expect(code).toBe(0)
    expect(io.out()).toContain('backups: 2/6 records · 1 pages')
    expect(io.out()).toContain('sync rmm succeeded in')
    expect(io.out()).toContain('pages     3')
    expect(io.out()).toContain('records   6 records read: 6 new, 0 updated, 1 quarantined')
    expect(io.out()).toContain('requests  3 (0 retries)')
    expect(io.err()).toBe('')
  })

  it('exits 1 with the vendor error and what it read when the sync fails', async () => {
    const io = terminal(env)
    const code = await syncCommand({ integrationId: 'rmm', io, connectors: withPages(4, 3) })

    expect(code).toBe(1)
    expect(io.err()).toMatch(
      /sync rmm failed after [\d.]+s: ninjaone: GET \/v2\/backup\/jobs: 503 after 6 attempts/,
    )
    expect(io.err()).toContain('records   4 records read: 4 new')
  })

  it('stores nothing on a dry run and says so', async () => {
    const io = terminal(env)
    const code = await syncCommand({
      integrationId: 'rmm',
      dryRun: true,
      since: '30d',
      io,
      connectors: withPages(2),
    })
    expect(code).toBe(0)
    expect(io.out()).toContain('sync rmm (dry run) succeeded')
    expect(io.out()).toContain('4 records read, 1 quarantined, nothing stored')
  })

  it('names a missing credential variable and exits non-zero before syncing', async () => {
    const file = join(dir, 'cw.score.yaml')
    await writeFile(
      file,
      `version: 1
organisations: [{ id: acme, name: Acme Dental, tz: UTC }]
teams: []
integrations:
  - id: cw
    vendor: connectwise
    organisations: { '250': acme }
    settings:
      host: api-na.myconnectwise.net
      companyId: baton
      clientId: 3040b6af-ac90-42e6-932d-9178fc76f128
      publicKey: { env: BATON_TEST_CW_PUBLIC_KEY }
      privateKey: { env: BATON_TEST_CW_PRIVATE_KEY }
rhythms: []
`,
    )
    const io = terminal({ ...env, BATON_SCORE: file, BATON_TEST_CW_PRIVATE_KEY: 'set' })
    const code = await runCli(['sync', 'cw'], io)
    expect(code).toBe(1)
    expect(io.err()).toBe(
      "integration 'cw': settings.publicKey: environment variable BATON_TEST_CW_PUBLIC_KEY is not set\n",
    )
    expect(io.out()).toBe('')
  })

  it('refuses an unknown integration and a --since it cannot read', async () => {
    const unknown = terminal(env)
    expect(await runCli(['sync', 'psa'], unknown)).toBe(1)
    expect(unknown.err()).toContain("no integration 'psa' (the score has: rmm)")

    const badSince = terminal(env)
    expect(await runCli(['sync', 'rmm', '--since', 'last tuesday'], badSince)).toBe(2)
    expect(badSince.err()).toContain('--since: expected an ISO date or a duration like 30d')
  })
})
