import { randomUUID } from 'node:crypto'
import { insertBeats } from '../db/queries/beats.js'
import { insertBeatEvents } from '../db/queries/events.js'
import type { Db, EventRow } from '../db/database.js'
import type { StoredBeat } from '../db/queries/beats.js'
import type { BeatInput } from '../records/types.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'

export interface RecordedBeat {
  /** False when the idempotency key was seen before with the same time and outcome. */
  created: boolean
  beat: StoredBeat | null
  events: EventRow[]
}

/**
 * Stores one pinged or checked-in beat with its stream event. Without an idempotency key every
 * call is a new beat, as a heartbeat URL behaves; with one, a retried call is harmless.
 */
export async function recordBeat({
  db,
  catalog,
  input,
}: {
  db: Db
  catalog: RhythmCatalog
  input: BeatInput
}): Promise<RecordedBeat> {
  const rhythm = catalog.get(input.rhythmId)
  if (!rhythm) throw new Error(`unknown rhythm ${input.rhythmId}`)
  return db.transaction().execute(async (trx) => {
    const [beat] = await insertBeats(trx, [
      {
        rhythmId: rhythm.id,
        at: input.at,
        ok: input.ok,
        player: input.player ?? null,
        key: input.key ?? null,
        idempotencyKey: input.idempotencyKey ?? `${input.origin}:${randomUUID()}`,
        origin: input.origin,
        inRest: catalog.inRest(rhythm, input.at),
      },
    ])
    if (!beat) return { created: false, beat: null, events: [] }
    const events = await insertBeatEvents(trx, [beat])
    return { created: beat.inserted, beat, events }
  })
}
