import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Db, EventRow } from '../db/database.js'

/**
 * Several processes can write to one PostgreSQL: a second ingest instance, or `baton sync` run
 * by hand. Each write of beats, triggers or states announces itself on this channel in its own
 * transaction (PostgreSQL delivers it at commit), so the others drop what they cached of those
 * rhythms and pass the journalled events on to their stream clients.
 */
export const CHANGES_CHANNEL = 'baton_changes'

/** This process, so it can ignore its own notices. */
export const INSTANCE_ID = randomUUID()

// PostgreSQL refuses payloads of 8,000 bytes or more: a longer list becomes "everything".
const MAX_PAYLOAD = 7_900

const notice = z.object({
  from: z.string(),
  /** Rhythms whose beats or triggers changed; null: any may have. */
  rhythms: z.array(z.string()).nullable(),
  /** The first and last id of the events the write journalled. */
  events: z.tuple([z.number(), z.number()]).nullable(),
})

export type ChangeNotice = z.infer<typeof notice>

export async function announceChanges(
  db: Db,
  { rhythms, events }: { rhythms: Iterable<string>; events: readonly EventRow[] },
): Promise<void> {
  const ids = [...new Set(rhythms)]
  if (ids.length === 0 && events.length === 0) return
  const eventIds = events.map((event) => event.id)
  const range: [number, number] | null =
    eventIds.length === 0 ? null : [Math.min(...eventIds), Math.max(...eventIds)]
  let payload = JSON.stringify({ from: INSTANCE_ID, rhythms: ids, events: range })
  if (payload.length > MAX_PAYLOAD) {
    payload = JSON.stringify({ from: INSTANCE_ID, rhythms: null, events: range })
  }
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${payload})`.execute(db)
}

/** A notice from another process, or null for one of ours or one we cannot read. */
export function readNotice(payload: string): ChangeNotice | null {
  let parsed
  try {
    parsed = notice.safeParse(JSON.parse(payload))
  } catch {
    return null
  }
  return parsed.success && parsed.data.from !== INSTANCE_ID ? parsed.data : null
}
