import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { Database } from './database.js'

const INT8 = 20

export type Driver = 'postgres' | 'pglite'

export interface DatabaseHandle extends AsyncDisposable {
  db: Kysely<Database>
  driver: Driver
  /**
   * Hears NOTIFY on `channel` from other processes, on a connection of its own that comes back
   * by itself after the server drops it (`onGap`: notices may have been missed meanwhile). PGlite
   * belongs to this one process, so there is nobody else to hear.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listening>
  close(): Promise<void>
}

export interface ListenHandlers {
  onNotice(payload: string): void
  onGap(): void
}

export interface Listening {
  close(): Promise<void>
}

const RELISTEN_MS = 1_000

/**
 * Opens PostgreSQL at `databaseUrl`, or without one an embedded PGlite in `dataDir`
 * (in memory when `dataDir` is 'memory://'). Both return int8 as a JavaScript number.
 */
export async function connectDatabase(options: {
  databaseUrl?: string
  dataDir: string
  /** Told when the server drops an idle pooled connection (a restart, a failover). */
  onConnectionError?: (error: Error) => void
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.onConnectionError)
  return connectPglite(options.dataDir)
}

function connectPostgres(
  connectionString: string,
  onConnectionError: (error: Error) => void = () => {},
): DatabaseHandle {
  // Epoch milliseconds and counts fit a double; a bigint column never reaches 2^53 here.
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client whose server went away emits 'error'; unheard, that would end the process.
  // The pool replaces the client on the next query, so it is reported, not fatal.
  pool.on('error', onConnectionError)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return handle(db, 'postgres', (channel, handlers) =>
    listenOnPool(pool, channel, handlers, onConnectionError),
  )
}

async function listenOnPool(
  pool: pg.Pool,
  channel: string,
  { onNotice, onGap }: ListenHandlers,
  onConnectionError: (error: Error) => void,
): Promise<Listening> {
  let client: pg.PoolClient | undefined
  let closed = false
  let retry: NodeJS.Timeout | undefined
  const lose = (error: Error) => {
    onConnectionError(error)
    client?.release(error)
    client = undefined
    if (!closed) retry = setTimeout(() => void connect(true), RELISTEN_MS)
  }
  const connect = async (again: boolean) => {
    try {
      const next = await pool.connect()
      client = next
      next.on('notification', (message) => {
        if (message.channel === channel && message.payload) onNotice(message.payload)
      })
      next.on('error', lose)
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      if (again) onGap()
    } catch (error) {
      lose(error as Error)
    }
  }
  await connect(false)
  return {
    close: async () => {
      closed = true
      clearTimeout(retry)
      const last = client
      client = undefined
      if (last) {
        await last.query('UNLISTEN *').catch(() => undefined)
        last.release()
      }
    },
  }
}

async function connectPglite(dataDir: string): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true })
  const pglite = await PGlite.create(dataDir, { parsers: { [INT8]: Number } })
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return handle(db, 'pglite', async () => ({ close: async () => {} }))
}

function handle(
  db: Kysely<Database>,
  driver: Driver,
  listen: DatabaseHandle['listen'],
): DatabaseHandle {
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    // Kysely's destroy ends the pg pool; the PGlite dialect closes PGlite.
    await db.destroy()
  }
  return { db, driver, listen, close, [Symbol.asyncDispose]: close }
}
