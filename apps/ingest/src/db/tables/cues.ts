import type { Generated, JSONColumnType } from 'kysely'
import type { Severity } from '../../score/score-types.js'

export const CUE_KINDS = ['flip', 'repeat', 'flapping'] as const
export type CueKind = (typeof CUE_KINDS)[number]

/**
 * pending: waits for next_attempt_at (quiet hours, a retry); sending: claimed by a sender until
 * next_attempt_at; sent; failed: gave up after its attempts; suppressed: never sent (a rest, or
 * the rhythm is flapping and its flapping cue went out).
 */
export const CUE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const
export type CueStatus = (typeof CUE_STATUSES)[number]

/** What a cue says, fixed when it is planned: a retry sends the same words. */
export interface CueMessage {
  title: string
  rhythm: { id: string; name: string; layer: string; team: string; organisation: string }
  from: string | null
  to: string
  reasons: string[]
  /** The rhythm's page on the dashboard. */
  url: string
  /** When the flip (or the repeat) happened, epoch ms. */
  at: number
}

export interface CuesTable {
  id: Generated<number>
  channel_id: string
  dedupe_key: string
  rhythm_id: string
  flip_id: number | null
  kind: CueKind
  severity: Severity
  message: JSONColumnType<CueMessage>
  status: CueStatus
  attempts: Generated<number>
  next_attempt_at: Date
  /** Why it was suppressed, or the last failure to send it. */
  note: string | null
  created_at: Generated<Date>
  sent_at: Date | null
}

export interface CueCursorTable {
  id: number
  last_flip_id: number
}

export interface PartialDB {
  cues: CuesTable
  cue_cursor: CueCursorTable
}
