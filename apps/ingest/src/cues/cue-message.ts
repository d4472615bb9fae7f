import { humanDuration } from '@baton/cadence'
import type { Rhythm } from '../db/database.js'
import type { CueKind, CueMessage } from '../db/tables/cues.js'
import type { Reason, RhythmState } from '@baton/cadence'

export interface CueFacts {
  kind: CueKind
  rhythm: Rhythm
  from: RhythmState | null
  to: RhythmState
  reasons: readonly Reason[]
  at: number
  /** The dashboard's address, for the link to the rhythm's page. */
  publicUrl: string
  /** A repeat: how long the rhythm has been in this state. */
  sinceMs?: number
  /** Flapping: how many flips in how long. */
  flips?: { count: number; withinMs: number }
}

/** The words of a cue, the same for every channel; each channel only lays them out. */
export function cueMessage(facts: CueFacts): CueMessage {
  const { rhythm, to } = facts
  return {
    title: titleOf(facts),
    rhythm: {
      id: rhythm.id,
      name: rhythm.name,
      layer: rhythm.layer,
      team: rhythm.team_id,
      organisation: rhythm.organisation_id,
    },
    from: facts.from,
    to,
    reasons: facts.reasons.map((reason) => reason.message),
    url: `${facts.publicUrl.replace(/\/+$/, '')}/rhythms/${encodeURIComponent(rhythm.id)}`,
    at: facts.at,
  }
}

function titleOf({ kind, rhythm, from, to, sinceMs, flips }: CueFacts): string {
  switch (kind) {
    case 'flapping':
      return `${rhythm.name} is flapping: ${flips?.count ?? 'many'} changes in ${humanDuration(flips?.withinMs ?? 0)}, now ${to}`
    case 'repeat':
      return `${rhythm.name} is still ${to} (for ${humanDuration(sinceMs ?? 0)})`
    case 'flip':
      if (to === 'tight') return `${rhythm.name} is tight again${from ? ` (was ${from})` : ''}`
      return `${rhythm.name} is ${to}`
  }
}
