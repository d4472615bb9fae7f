import { recordAudit } from './auth/audit.js'
import { parseConfig } from './config.js'
import { firstLine } from './lib/first-line.js'
import { connectDatabase } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { secretKeysFrom } from './secrets/secret-box.js'
import { listSecrets, rotateSecrets, setSecret } from './secrets/secret-store.js'
import type { CliIo } from './sync-command.js'

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/

/**
 * `baton secret set <name>` stores a vendor credential encrypted (its value from
 * BATON_SECRET_VALUE or the first line of standard input, never an argument); `list` shows
 * names and keys; `rotate` re-seals every secret with BATON_SECRET_KEY, reading the old ones
 * with BATON_SECRET_KEY_PREVIOUS. The score then names it as `{ secret: <name> }`.
 */
export async function secretCommand({
  action,
  name,
  io,
  stdin = process.stdin,
}: {
  action: string | undefined
  name?: string | undefined
  io: CliIo
  stdin?: NodeJS.ReadableStream
}): Promise<number> {
  const fail = (message: string, code = 1) => {
    io.stderr.write(`secret ${action ?? ''}: ${message}\n`)
    return code
  }
  if (action !== 'set' && action !== 'list' && action !== 'rotate') {
    return fail('expected set <name>, list or rotate', 2)
  }
  if (action === 'set' && (!name || !NAME.test(name))) {
    return fail("expected a name like 'cw-private-key' (lower case, digits, . _ -)", 2)
  }
  let keys
  try {
    keys = secretKeysFrom(io.env)
  } catch (error) {
    return fail((error as Error).message, 2)
  }
  if (!keys && action !== 'list') {
    return fail('BATON_SECRET_KEY is not set (make one with `openssl rand -base64 32`)', 2)
  }
  const value = action === 'set' ? (io.env.BATON_SECRET_VALUE ?? (await firstLine(stdin))) : ''
  if (action === 'set' && value === '') return fail('the value is empty', 2)

  const config = parseConfig(io.env)
  await using database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  })
  const { db } = database
  await migrateToLatest(db)
  if (action === 'list') {
    for (const secret of await listSecrets(db)) {
      io.stdout.write(`${secret.name}  key ${secret.keyId}  ${secret.updatedAt.toISOString()}\n`)
    }
    return 0
  }
  try {
    if (action === 'set') {
      await db.transaction().execute(async (tx) => {
        await setSecret(tx, keys!, name!, value)
        await recordAudit(tx, { actor: 'cli', action: 'secret.set', target: name! })
      })
      io.stdout.write(`stored secret ${name} (key ${keys!.current.id})\n`)
      return 0
    }
    const count = await db.transaction().execute(async (tx) => {
      const rotated = await rotateSecrets(tx, keys!)
      await recordAudit(tx, {
        actor: 'cli',
        action: 'secret.rotate',
        target: keys!.current.id,
        details: { resealed: rotated },
      })
      return rotated
    })
    io.stdout.write(`re-sealed ${count} secret(s) with key ${keys!.current.id}\n`)
    return 0
  } catch (error) {
    return fail((error as Error).message)
  }
}
