import { z } from 'zod'
import { accountByEmail, createAccount } from './auth/accounts.js'
import { recordAudit } from './auth/audit.js'
import { ROLES } from './auth/roles.js'
import { parseConfig } from './config.js'
import { firstLine } from './lib/first-line.js'
import { connectDatabase } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { EmailSchema, NewPasswordSchema } from './routes/auth-schemas.js'
import type { CliIo } from './sync-command.js'

const OptionsSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1, 'expected a name (--name)'),
  role: z.enum(ROLES),
  teams: z.array(z.string().min(1)),
  password: NewPasswordSchema.optional(),
})

/**
 * `baton account add`: how the first owner is made on a new install (and any account from a
 * shell). The password comes from BATON_PASSWORD or the first line of standard input, never
 * from an argument, which `ps` and shell history would keep. `singleSignOn`: no password at
 * all; the person signs in through the identity provider.
 */
export async function addAccountCommand({
  email,
  name,
  role = 'owner',
  teams,
  singleSignOn = false,
  io,
  stdin = process.stdin,
}: {
  email?: string | undefined
  name?: string | undefined
  role?: string | undefined
  teams?: string | undefined
  singleSignOn?: boolean | undefined
  io: CliIo
  stdin?: NodeJS.ReadableStream
}): Promise<number> {
  const readPassword = async () => {
    if (io.env.BATON_PASSWORD === undefined && (stdin as { isTTY?: boolean }).isTTY) {
      io.stdout.write('password: ')
    }
    return io.env.BATON_PASSWORD ?? (await firstLine(stdin))
  }
  const password = singleSignOn ? undefined : await readPassword()
  const parsed = OptionsSchema.safeParse({
    email,
    name: name ?? email?.split('@')[0],
    role,
    teams: teams ? teams.split(',').map((team) => team.trim()) : [],
    password,
  })
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    io.stderr.write(`account add: ${problems.join('; ')}\n`)
    return 2
  }
  const config = parseConfig(io.env)
  await using database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  })
  await migrateToLatest(database.db)
  const account = parsed.data
  if (await accountByEmail(database.db, account.email)) {
    io.stderr.write(`account add: ${account.email} already has an account\n`)
    return 1
  }
  const created = await database.db.transaction().execute(async (tx) => {
    const row = await createAccount(tx, account)
    await recordAudit(tx, {
      actor: 'cli',
      action: 'account.create',
      target: row.id,
      details: { email: row.email, role: row.role, teams: row.teams },
    })
    return row
  })
  const how = singleSignOn ? ', signs in through single sign-on only' : ''
  io.stdout.write(`added ${created.role} ${created.email} (${created.id})${how}\n`)
  return 0
}
