import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { passwordMatches } from './auth/passwords.js'
import { addAccountCommand } from './account-command.js'
import { connectDatabase } from './db/connect.js'
import { terminal } from '../test/terminal.js'

describe('baton account add', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-account-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('makes the first owner, with the password from standard input, audited', async () => {
    const io = terminal({ BATON_DATA_DIR: dir })
    const code = await addAccountCommand({
      email: 'Olivia@MSP.example',
      io,
      stdin: Readable.from(['a long enough passphrase\n']),
    })
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    expect(io.out()).toMatch(/^added owner olivia@msp\.example \(acc_[0-9a-f]{16}\)\n$/)
    await using database = await connectDatabase({ dataDir: dir })
    const account = await database.db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow()
    expect(account).toMatchObject({ email: 'olivia@msp.example', name: 'Olivia', role: 'owner' })
    expect(await passwordMatches(account.password_hash, 'a long enough passphrase')).toBe(true)
    const audit = await database.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toMatchObject([{ actor: 'cli', action: 'account.create', target: account.id }])
  })

  it('refuses a short password, an unknown role, and an e-mail that has an account', async () => {
    const short = terminal({ BATON_DATA_DIR: dir, BATON_PASSWORD: 'short' })
    expect(await addAccountCommand({ email: 'sam@msp.example', io: short })).toBe(2)
    expect(short.err()).toMatch(/password: at least 10 characters/)

    const role = terminal({ BATON_DATA_DIR: dir, BATON_PASSWORD: 'long enough pass' })
    expect(await addAccountCommand({ email: 'sam@msp.example', role: 'boss', io: role })).toBe(2)
    expect(role.err()).toMatch(/^account add: role: /)

    const again = terminal({ BATON_DATA_DIR: dir, BATON_PASSWORD: 'long enough pass' })
    expect(await addAccountCommand({ email: 'olivia@msp.example', io: again })).toBe(1)
    expect(again.err()).toBe('account add: olivia@msp.example already has an account\n')
  })

  it('adds a single sign-on account with no password, without asking for one', async () => {
    const io = terminal({ BATON_DATA_DIR: dir })
    const code = await addAccountCommand({
      email: 'lena@msp.example',
      role: 'viewer',
      teams: 'infrastructure',
      singleSignOn: true,
      io,
      // Nothing is read: a password given anyway would be ignored, not stored.
      stdin: Readable.from(['ignored passphrase\n']),
    })
    expect(code).toBe(0)
    expect(io.out()).toMatch(
      /^added viewer lena@msp\.example \(acc_\w+\), signs in through single sign-on only\n$/,
    )
    await using database = await connectDatabase({ dataDir: dir })
    const account = await database.db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', 'lena@msp.example')
      .executeTakeFirstOrThrow()
    expect(account).toMatchObject({ password_hash: null, teams: ['infrastructure'] })
  })
})
