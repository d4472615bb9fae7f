import { cueMessage } from './cue-message.js'
import { quietUntil } from './quiet-hours.js'
import { hears, severityOf } from './routing.js'
import type { Database, Db, Rhythm } from '../db/database.js'
import type { CueKind, CuesTable, CueStatus } from '../db/tables/cues.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { ScoreChannel } from '../score/score-types.js'
import type { Reason, RhythmState } from '@baton/cadence'
import type { Insertable, Kysely } from 'kysely'

export interface CuePlanning {
  db: Kysely<Database>
  channels: () => readonly ScoreChannel[]
  catalog: () => RhythmCatalog
  now: () => number
  /** The dashboard's address, for links to rhythm pages. */
  publicUrl: string
}

/** Flips planned per transaction: a backlog after downtime is worked through in steps. */
const FLIPS_PER_ROUND = 500

/**
 * Queues one cue per flip and channel that hears it, for every flip since the last one planned.
 * The cursor row is locked for the transaction, so two instances never plan the same flip, and
 * the unique (channel, dedupe key) makes a replayed round queue nothing twice.
 */
export async function planFlipCues(planning: CuePlanning): Promise<number> {
  let queued = 0
  for (;;) {
    const round = await planningRound(planning)
    queued += round.queued
    if (round.flips < FLIPS_PER_ROUND) return queued
  }
}

async function planningRound(planning: CuePlanning): Promise<{ flips: number; queued: number }> {
  return planning.db.transaction().execute(async (trx) => {
    const cursor = await trx
      .selectFrom('cue_cursor')
      .select('last_flip_id')
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const flips = await trx
      .selectFrom('rhythm_flips')
      .selectAll()
      .where('id', '>', cursor.last_flip_id)
      .orderBy('id')
      .limit(FLIPS_PER_ROUND)
      .execute()
    let queued = 0
    const catalog = planning.catalog()
    for (const flip of flips) {
      const rhythm = catalog.get(flip.rhythm_id)
      // A rhythm's first judgement as tight is not news; anything else is.
      if (!rhythm || (flip.from_state === null && flip.to_state === 'tight')) continue
      for (const channel of planning.channels()) {
        const severity = severityOf(rhythm, flip.to_state)
        if (!hears(channel, rhythm, severity)) continue
        const cue = await flipCue(trx, planning, channel, rhythm, {
          id: flip.id,
          at: flip.at.getTime(),
          from: flip.from_state,
          to: flip.to_state,
          reasons: flip.reasons,
        })
        queued += await queue(trx, cue)
      }
    }
    const last = flips.at(-1)
    if (last) {
      await trx
        .updateTable('cue_cursor')
        .set({ last_flip_id: last.id })
        .where('id', '=', 1)
        .execute()
    }
    return { flips: flips.length, queued }
  })
}

interface Flip {
  id: number
  at: number
  from: RhythmState | null
  to: RhythmState
  reasons: Reason[]
}

/** A flip's cue for one channel: sent, or suppressed by a rest or by flapping, with why. */
async function flipCue(
  db: Db,
  planning: CuePlanning,
  channel: ScoreChannel,
  rhythm: Rhythm,
  flip: Flip,
): Promise<Insertable<CuesTable>> {
  const base = { channel, rhythm, flip, planning }
  if (planning.catalog().inRest(rhythm, flip.at)) {
    return cueRow({ ...base, kind: 'flip', suppressed: 'the rhythm is resting' })
  }
  const { flips, withinMs } = channel.flapping
  const recent = await db
    .selectFrom('rhythm_flips')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('rhythm_id', '=', rhythm.id)
    .where('id', '<=', flip.id)
    .where('at', '>', new Date(flip.at - withinMs))
    .executeTakeFirstOrThrow()
  if (Number(recent.n) < flips) return cueRow({ ...base, kind: 'flip' })
  // Flapping: one cue says so; the flips after it within the window stay quiet.
  const cued = await cuedAsFlapping(db, channel, [rhythm.id], flip.at - withinMs)
  return cued.size > 0
    ? cueRow({ ...base, kind: 'flip', suppressed: 'the rhythm is flapping; it was cued as such' })
    : cueRow({ ...base, kind: 'flapping', flapping: { count: Number(recent.n), withinMs } })
}

function cueRow({
  channel,
  rhythm,
  flip,
  planning,
  kind,
  suppressed,
  flapping,
}: {
  channel: ScoreChannel
  rhythm: Rhythm
  flip: Flip
  planning: CuePlanning
  kind: CueKind
  suppressed?: string
  flapping?: { count: number; withinMs: number }
}): Insertable<CuesTable> {
  const now = planning.now()
  const status: CueStatus = suppressed ? 'suppressed' : 'pending'
  const message = cueMessage({
    kind,
    rhythm,
    from: flip.from,
    to: flip.to,
    reasons: flip.reasons,
    at: flip.at,
    publicUrl: planning.publicUrl,
    ...(flapping && { flips: flapping }),
  })
  return {
    channel_id: channel.id,
    dedupe_key: `flip:${flip.id}`,
    rhythm_id: rhythm.id,
    flip_id: flip.id,
    kind,
    severity: severityOf(rhythm, flip.to),
    message: JSON.stringify(message),
    status,
    next_attempt_at: new Date(heldUntil(channel, now)),
    note: suppressed ?? null,
  }
}

/** Now, or the end of the channel's quiet hours. */
function heldUntil(channel: ScoreChannel, now: number): number {
  return (channel.quietHours && quietUntil(channel.quietHours, now)) ?? now
}

async function queue(db: Db, cue: Insertable<CuesTable>): Promise<number> {
  const inserted = await db
    .insertInto('cues')
    .values(cue)
    .onConflict((oc) => oc.columns(['channel_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted && cue.status === 'pending' ? 1 : 0
}

/**
 * A rhythm still drifting or silent is cued again every `repeat` of its channel: the n-th repeat
 * since it flipped has its own dedupe key, so each goes out once. None is queued while one for
 * that rhythm still waits (quiet hours), while it rests, or while it flaps. This runs every
 * round, so each channel asks the queue once about all its candidates.
 */
export async function planRepeatCues(planning: CuePlanning): Promise<number> {
  const channels = planning.channels().filter((channel) => channel.repeatMs !== undefined)
  if (channels.length === 0) return 0
  const now = planning.now()
  const catalog = planning.catalog()
  const off = await planning.db
    .selectFrom('rhythm_states')
    .select(['rhythm_id', 'state', 'reasons', 'since'])
    .where('state', '!=', 'tight')
    .execute()
  let queued = 0
  for (const channel of channels) {
    const due = off.flatMap((state) => {
      const rhythm = catalog.get(state.rhythm_id)
      const since = state.since.getTime()
      const repeats = Math.floor((now - since) / channel.repeatMs!)
      if (!rhythm || repeats < 1 || catalog.inRest(rhythm, now)) return []
      const severity = severityOf(rhythm, state.state)
      if (!hears(channel, rhythm, severity)) return []
      return [{ state, rhythm, since, severity, key: `repeat:${rhythm.id}:${since}:${repeats}` }]
    })
    if (due.length === 0) continue
    const busy = await busyRhythms(planning.db, channel, due, now)
    const rows = due
      .filter(({ rhythm }) => !busy.has(rhythm.id))
      .map(({ state, rhythm, since, severity, key }): Insertable<CuesTable> => {
        const message = cueMessage({
          kind: 'repeat',
          rhythm,
          from: state.state,
          to: state.state,
          reasons: state.reasons,
          at: now,
          publicUrl: planning.publicUrl,
          sinceMs: now - since,
        })
        return {
          channel_id: channel.id,
          dedupe_key: key,
          rhythm_id: rhythm.id,
          flip_id: null,
          kind: 'repeat',
          severity,
          message: JSON.stringify(message),
          status: 'pending',
          next_attempt_at: new Date(heldUntil(channel, now)),
          note: null,
        }
      })
    for (const row of rows) queued += await queue(planning.db, row)
  }
  return queued
}

/** Of these rhythms, those with this repeat already queued, a cue still waiting, or flapping. */
async function busyRhythms(
  db: Db,
  channel: ScoreChannel,
  due: ReadonlyArray<{ rhythm: Rhythm; key: string }>,
  now: number,
): Promise<Set<string>> {
  const ids = due.map(({ rhythm }) => rhythm.id)
  const queued = await db
    .selectFrom('cues')
    .select('rhythm_id')
    .where('channel_id', '=', channel.id)
    .where('rhythm_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['pending', 'sending']),
        eb(
          'dedupe_key',
          'in',
          due.map(({ key }) => key),
        ),
      ]),
    )
    .execute()
  const flapping = await cuedAsFlapping(db, channel, ids, now - channel.flapping.withinMs)
  return new Set([...queued.map((row) => row.rhythm_id), ...flapping])
}

/** Which of these rhythms the channel has had a flapping cue for, for a flip after `since`. */
async function cuedAsFlapping(
  db: Db,
  channel: ScoreChannel,
  rhythmIds: readonly string[],
  since: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('cues')
    .innerJoin('rhythm_flips', 'rhythm_flips.id', 'cues.flip_id')
    .select('cues.rhythm_id')
    .where('cues.channel_id', '=', channel.id)
    .where('cues.rhythm_id', 'in', rhythmIds)
    .where('cues.kind', '=', 'flapping')
    .where('rhythm_flips.at', '>', new Date(since))
    .execute()
  return new Set(rows.map((row) => row.rhythm_id))
}
