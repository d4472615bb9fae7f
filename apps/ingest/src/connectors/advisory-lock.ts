import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Driver } from '../db/connect.js'
import type { Database } from '../db/database.js'

/** A lock on one integration's sync, held until released. */
export interface IntegrationLock {
  release(): Promise<void>
}

/** The 64-bit advisory lock key of an integration, the same in every process and version. */
export function integrationLockKey(integrationId: string): string {
  return createHash('sha256')
    .update(`baton:sync:${integrationId}`)
    .digest()
    .readBigInt64BE(0)
    .toString()
}

// Syncs this process runs, per database: PGlite is one session shared by the whole process (a
// session lock would be re-entrant there), and on a server it spares a pooled connection.
const lockedHere = new WeakMap<object, Set<string>>()

/**
 * Takes the sync lock of an integration without waiting: undefined when a sync of it already runs
 * in this process or, on a PostgreSQL server, in any other instance (a session-level advisory lock
 * on a connection held for the whole sync, so it ends with the session if the process dies).
 */
export async function tryLockIntegration({
  db,
  driver,
  integrationId,
}: {
  db: Kysely<Database>
  driver: Driver
  integrationId: string
}): Promise<IntegrationLock | undefined> {
  const held = lockedHere.get(db) ?? new Set<string>()
  lockedHere.set(db, held)
  if (held.has(integrationId)) return undefined
  held.add(integrationId)
  const forget = () => void held.delete(integrationId)
  if (driver === 'pglite') return { release: async () => forget() }
  try {
    const lock = await lockOnHeldConnection(db, integrationLockKey(integrationId))
    if (!lock) forget()
    return (
      lock && {
        release: async () => {
          await lock.release()
          forget()
        },
      }
    )
  } catch (error) {
    forget()
    throw error
  }
}

function lockOnHeldConnection(
  db: Kysely<Database>,
  key: string,
): Promise<IntegrationLock | undefined> {
  return new Promise((resolve, reject) => {
    let unlock = () => {}
    const released = new Promise<void>((done) => (unlock = done))
    const session = db.connection().execute(async (connection) => {
      const { rows } = await sql<{
        locked: boolean
      }>`select pg_try_advisory_lock(${key}::bigint) as locked`.execute(connection)
      if (!rows[0]?.locked) return resolve(undefined)
      resolve({
        release: async () => {
          unlock()
          // A connection that died took its lock with it: nothing left to release.
          await session.catch(() => {})
        },
      })
      await released
      await sql`select pg_advisory_unlock(${key}::bigint)`.execute(connection)
    })
    session.catch(reject)
  })
}
