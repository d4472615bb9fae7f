import { LAYERS, evaluate } from '@baton/cadence'
import { chunks } from '../db/queries/chunks.js'
import { announceChanges } from '../events/change-notices.js'
import { figuresOf } from './figures.js'
import { loadInputs } from './load-inputs.js'
import type { Insertable } from 'kysely'
import type { Db, EventRow, Rhythm } from '../db/database.js'
import type { RhythmFlipsTable, RhythmStatesTable } from '../db/tables/rhythm-states.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { InputCache } from './input-cache.js'
import type { Logger } from 'pino'

const RHYTHMS_PER_ROUND = 250

/**
 * Evaluates rhythms at `now` (all active ones, or `rhythmIds`) and stores each one's state and
 * figures. A change of state is recorded as a flip and as a stream event, in the same
 * transaction as the state, so the history and the stream never disagree with the state.
 */
export async function evaluateRhythms({
  db,
  catalog,
  now,
  rhythmIds,
  log,
  cache,
}: {
  db: Db
  catalog: RhythmCatalog
  now: number
  rhythmIds?: readonly string[]
  log?: Logger
  /** Beats and triggers kept from earlier passes (see InputCache). */
  cache?: InputCache
}): Promise<{ evaluated: number; events: EventRow[] }> {
  const wanted = rhythmIds ? new Set(rhythmIds) : undefined
  // Rounds of one layer share a window, so each round's read covers no more than it needs.
  const rhythms = catalog.rhythms
    .filter((rhythm) => !wanted || wanted.has(rhythm.id))
    .sort((a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer))
  const events: EventRow[] = []
  let evaluated = 0
  const rounds = chunks(rhythms, RHYTHMS_PER_ROUND)
  const readRound = async (round: readonly Rhythm[]) => {
    const [work, states] = await Promise.all([
      loadInputs({ db, catalog, rhythms: round, now, cache }),
      db
        .selectFrom('rhythm_states')
        .select(['rhythm_id', 'state', 'since'])
        .where(
          'rhythm_id',
          'in',
          round.map((rhythm) => rhythm.id),
        )
        .execute(),
    ])
    return { work, previous: new Map(states.map((row) => [row.rhythm_id, row])) }
  }
  // The next round is read while this one is evaluated and stored: the database works on
  // the other core meanwhile.
  let reading = rounds.length > 0 ? readRound(rounds[0]!) : undefined
  for (let index = 0; index < rounds.length; index++) {
    const { work, previous } = await reading!
    reading = index + 1 < rounds.length ? readRound(rounds[index + 1]!) : undefined
    // If storing this round fails, the read already under way must not go unheard.
    reading?.catch(() => undefined)
    const states: Array<Insertable<RhythmStatesTable>> = []
    const flips: Array<Insertable<RhythmFlipsTable>> = []
    const flipPayloads: Array<Record<string, unknown>> = []
    const at = new Date(now)
    for (const { rhythm, spec, input, range } of work) {
      let evaluation
      try {
        evaluation = evaluate(spec, input, range)
      } catch (error) {
        log?.error({ err: error, rhythm: rhythm.id }, 'rhythm could not be evaluated')
        continue
      }
      evaluated++
      const before = previous.get(rhythm.id)
      const changed = before?.state !== evaluation.state
      const reasons = JSON.stringify(evaluation.reasons)
      states.push({
        rhythm_id: rhythm.id,
        state: evaluation.state,
        reasons,
        score: evaluation.score,
        adherence: evaluation.adherence,
        figures: JSON.stringify(figuresOf(evaluation)),
        since: changed ? at : before.since,
        evaluated_at: at,
      })
      if (changed) {
        flips.push({
          rhythm_id: rhythm.id,
          at,
          from_state: before?.state ?? null,
          to_state: evaluation.state,
          reasons,
        })
        flipPayloads.push({
          rhythmId: rhythm.id,
          from: before?.state ?? null,
          to: evaluation.state,
          reasons: evaluation.reasons,
          score: evaluation.score,
        })
      }
    }
    // One statement per table per round: ten thousand single-row writes took seconds.
    await db.transaction().execute(async (trx) => {
      await upsertStates(trx, states)
      if (flips.length === 0) return
      await trx.insertInto('rhythm_flips').values(flips).execute()
      const inserted = await trx
        .insertInto('events')
        .values(
          flips.map((flip, index) => ({
            type: 'state' as const,
            rhythm_id: flip.rhythm_id,
            payload: JSON.stringify(flipPayloads[index]),
          })),
        )
        .returningAll()
        .execute()
      events.push(...inserted)
      // Other processes' stream clients hear the flips too; no rhythm's inputs changed.
      await announceChanges(trx, { rhythms: [], events: inserted })
    })
  }
  return { evaluated, events }
}

async function upsertStates(db: Db, states: Array<Insertable<RhythmStatesTable>>): Promise<void> {
  for (const chunk of chunks(states, 200)) {
    await db
      .insertInto('rhythm_states')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('rhythm_id').doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          reasons: eb.ref('excluded.reasons'),
          score: eb.ref('excluded.score'),
          adherence: eb.ref('excluded.adherence'),
          figures: eb.ref('excluded.figures'),
          since: eb.ref('excluded.since'),
          evaluated_at: eb.ref('excluded.evaluated_at'),
        })),
      )
      .execute()
  }
}
