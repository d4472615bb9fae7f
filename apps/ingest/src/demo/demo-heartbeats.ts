import { LAYER_WINDOWS_MS } from '../evaluation/windows.js'
import { organisation } from './demo-cast.js'
import { inWindow } from './demo-types.js'
import { between, chance, rngFor } from './random.js'
import { HOUR, MINUTE, SECOND } from './zoned-time.js'
import type { DemoContext, DemoStream, ManualBeat } from './demo-types.js'

/**
 * Due every minute. The grace must stay under the earliest relay second (10 s): with a minute's
 * grace every relay would fit two slots, and after one failed relay the engine, which fills the
 * earliest open slot, would count every later one as late.
 */
export const HEARTBEAT_SCHEDULE = { cron: '* * * * *', graceMs: 5 * SECOND } as const

/** An organisation's RMM, relaying once a minute that its agents checked in. */
export interface HeartbeatRhythm {
  rhythmId: string
  organisationId: string
  /** Seconds into the minute the relay lands within, [earliest, latest]. */
  seconds: readonly [number, number]
}

// Staggered, so across the three a beat arrives every 20 s or so and never more than 30 s apart.
export const HEARTBEAT_RHYTHMS: readonly HeartbeatRhythm[] = [
  { rhythmId: 'acme-agent-check-ins', organisationId: 'acme', seconds: [10, 20] },
  { rhythmId: 'harlow-agent-check-ins', organisationId: 'harlow', seconds: [30, 40] },
  { rhythmId: 'brenner-agent-check-ins', organisationId: 'brenner', seconds: [50, 58] },
]

const FAILURE_SHARE = 0.005
/** No failed relay this close before the anchor, so the demo starts with every beat tight. */
const QUIET_BEFORE_ANCHOR_MS = 10 * MINUTE
/**
 * The note layer's window and an hour, so its first slot's relay is there too. Three beats a
 * minute add up: a catch-up after a long pause plays no more than this either.
 */
export const HEARTBEAT_BACKFILL_MS = LAYER_WINDOWS_MS.note + HOUR

/** The agent check-ins: the demo's quickest beat, so a wall left on it always moves. */
export function heartbeatStream(): DemoStream {
  return {
    name: 'heartbeats',
    layer: 'note',
    backfillMs: HEARTBEAT_BACKFILL_MS,
    beats: (window, context) => {
      const since = Math.max(window.from, window.to - HEARTBEAT_BACKFILL_MS)
      const beats: ManualBeat[] = []
      for (let minute = Math.floor(since / MINUTE); minute * MINUTE <= window.to; minute++) {
        for (const rhythm of HEARTBEAT_RHYTHMS) {
          const beat = relay(rhythm, minute, context)
          if (beat.at > since && inWindow(beat.at, window)) beats.push(beat)
        }
      }
      return beats
    },
  }
}

/** The relay made during `minute` (epoch minutes): it fills the slot due as that minute ends. */
function relay(rhythm: HeartbeatRhythm, minute: number, { seed, anchor }: DemoContext): ManualBeat {
  const random = rngFor(seed, 'heartbeat', rhythm.organisationId, minute)
  const [earliest, latest] = rhythm.seconds
  const at = minute * MINUTE + Math.round(between(random, earliest * SECOND, latest * SECOND))
  const quiet = anchor !== undefined && at > anchor - QUIET_BEFORE_ANCHOR_MS && at <= anchor
  const due = (minute + 1) * MINUTE
  return {
    rhythmId: rhythm.rhythmId,
    at,
    ok: quiet || !chance(random, FAILURE_SHARE),
    player: organisation(rhythm.organisationId).rmm,
    idempotencyKey: `demo-hb-${rhythm.organisationId}-${due}`,
  }
}
