/** The layers of an IT operation's score, from the moment to the five-year plan (CADENCE.md). */
export const LAYERS = [
  'note',
  'measure',
  'phrase',
  'section',
  'movement',
  'piece',
  'portfolio',
] as const
export type Layer = (typeof LAYERS)[number]

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export interface BusinessCalendar {
  /** IANA zone the hours are in. */
  tz: string
  /** Local opening hours per weekday, e.g. `{ mon: [['08:00', '17:00']] }`. */
  hours: Partial<Record<Weekday, Array<[string, string]>>>
  /** Local dates without business hours, e.g. `'2026-12-25'`. */
  holidays?: string[]
}

export interface ScheduleCadence {
  kind: 'schedule'
  /** Five-field cron expression; due times are its fire times in `tz`. */
  cron: string
  tz: string
  graceMs?: number
  /** How long before its due time a slot opens; default: at the previous due time. */
  windowMs?: number
}

export interface SlaCadence {
  kind: 'sla'
  targetMs: number
  graceMs?: number
  /** When set, the target counts business time only. */
  calendar?: BusinessCalendar
}

export type Cadence = ScheduleCadence | SlaCadence

export interface Rest {
  from: number
  to: number
}

export interface RhythmSpec {
  id: string
  layer: Layer
  cadence: Cadence
  /** Adherence target in [0, 1]; defaults per layer (DEFAULT_TARGETS). */
  target?: number
  critical?: boolean
  rests?: Rest[]
  /** What one beat is called in sentences, e.g. 'nightly backups'. */
  beatNoun?: string
  /** What a roster member is called in sentences, e.g. 'devices'. */
  playerNoun?: string
}

export interface Beat {
  at: number
  ok: boolean
  key?: string
  player?: string
}

/** Opens one slot of an `sla` rhythm: a ticket created, an alert raised. */
export interface Trigger {
  key: string
  at: number
  targetMs?: number
  player?: string
}

export interface EvaluationInput {
  beats: readonly Beat[]
  triggers?: readonly Trigger[]
  roster?: readonly string[]
}

export interface EvaluationRange {
  from: number
  now: number
  signal?: 'live' | 'stale'
}

export type SlotOutcome = 'on_time' | 'late' | 'failed' | 'missed' | 'pending' | 'rest'

export interface Slot {
  open: number
  due: number
  deadline: number
  outcome: SlotOutcome
  beatAt?: number
  offsetMs?: number
  key?: string
  player?: string
}

export type RhythmState = 'tight' | 'drifting' | 'silent'

export type ReasonCode =
  'budget_exhausted' | 'last_missed' | 'last_failed' | 'trend_late' | 'no_signal' | 'no_slots'

export interface Reason {
  code: ReasonCode
  /** A sentence a person can read on a wall from across the room. */
  message: string
}

export interface Counts {
  expected: number
  onTime: number
  late: number
  failed: number
  missed: number
  pending: number
  rest: number
  extra: number
}

export interface Lateness {
  p50Ms: number
  p95Ms: number
  jitterMs: number
}

export interface Trend {
  msPerBeat: number
  interceptMs: number
  projectedOffsetMs: number
  /** For an ensemble: the player whose trend this is. */
  player?: string
}

export interface PlayerEvaluation {
  player: string
  state: RhythmState
  reasons: Reason[]
  counts: Counts
  adherence: number | null
  completion: number | null
  lateness: Lateness | null
  trend: Trend | null
}

export interface Evaluation {
  rhythmId: string
  layer: Layer
  critical: boolean
  target: number
  state: RhythmState
  reasons: Reason[]
  score: number | null
  adherence: number | null
  completion: number | null
  budgetLeft: number | null
  counts: Counts
  lateness: Lateness | null
  trend: Trend | null
  slots: Slot[]
  players?: PlayerEvaluation[]
}

export interface Summary {
  total: number
  tight: number
  drifting: number
  silent: number
  /** tight / (tight + drifting); null when no rhythm is tight or drifting. */
  tightShare: number | null
  state: RhythmState
  /** Ids of drifting rhythms marked critical: any one keeps the aggregate from being tight. */
  criticalDrifting: string[]
  /** Pooled over every rhythm's decided slots: sum(onTime) / sum(expected). */
  adherence: number | null
}

export interface SummaryOptions {
  /** The share of tight rhythms at or above which an aggregate is tight; default 0.9. */
  tightShare?: number
}

/** Adherence targets per layer when a rhythm names none. */
export const DEFAULT_TARGETS: Readonly<Record<Layer, number>> = {
  note: 0.9,
  measure: 0.95,
  phrase: 0.9,
  section: 0.9,
  movement: 1,
  piece: 1,
  portfolio: 1,
}
