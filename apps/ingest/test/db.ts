import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connectDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import type { DatabaseHandle, Driver } from '../src/db/connect.js'

/** Storage tests run on both: `describe.each(DRIVERS)`. */
export const DRIVERS: Driver[] = ['pglite', 'postgres']

/** The server the postgres runs use; each suite gets its own database on it. */
const ADMIN_URL =
  process.env.BATON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A test database; on PostgreSQL, with its URL, so a second process can open it too. */
export type TestDatabase = DatabaseHandle & { url?: string }

/** A migrated, empty database of its own for one suite; closing it drops it. */
export async function openTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const handle = await connectDatabase({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return handle
  }
  const name = `baton_test_${randomBytes(6).toString('hex')}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const handle = await connectDatabase({ databaseUrl: url.toString(), dataDir: '' })
  await migrateToLatest(handle.db)
  const close = async () => {
    await handle.close()
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  return { ...handle, url: url.toString(), close, [Symbol.asyncDispose]: close }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
