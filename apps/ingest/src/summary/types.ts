import type { Counts, Layer, Reason, RhythmState } from '@baton/cadence'

/** Pooled over a group's rhythms' decided slots; adherence is null when none was decided. */
export interface PeriodFigures {
  adherence: number | null
  expected: number
  onTime: number
  late: number
  missed: number
  failed: number
}

/** A layer, team or organisation over the month, against the month before. */
export interface Group extends PeriodFigures {
  previous: PeriodFigures | null
  /** Adherence this month minus last month; null when either is null. */
  change: number | null
  rhythms: number
  tight: number
  drifting: number
  silent: number
}

/** One rhythm over the month: its figures, and its state and reasons as judged on the month. */
export interface RhythmMonth {
  id: string
  name: string
  layer: Layer
  team: string
  organisation: string
  target: number
  adherence: number | null
  previousAdherence: number | null
  counts: Counts
  state: RhythmState
  reasons: Reason[]
  /** What its beats are called in sentences: 'nightly backups', 'weekly beats', 'responses'. */
  beatNoun: string
}

/** The owner's monthly read: per layer, team and organisation, this month against the last. */
export interface MonthlySummary {
  month: string
  tz: string
  from: number
  /** The month's end, or `generatedAt` while the month is under way (`partial`). */
  to: number
  partial: boolean
  generatedAt: number
  /** Every rhythm is demo data: the summary must say so wherever it shows. */
  demo: boolean
  overall: PeriodFigures & { previous: PeriodFigures | null; change: number | null }
  layers: Array<{ layer: Layer } & Group>
  teams: Array<{ team: string; name: string } & Group>
  organisations: Array<{ organisation: string; name: string } & Group>
  drifted: RhythmMonth[]
  held: RhythmMonth[]
  sentences: string[]
}

/** One point of the owner's 12-month trend chart. */
export interface TrendMonth {
  month: string
  overall: number | null
  layers: Record<Layer, number | null>
}
