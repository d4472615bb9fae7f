import type { Reason, RhythmState } from '@baton/cadence'

/**
 * What the dashboard may take from the ingest service: types only. Nothing here has a runtime
 * value, so importing it never pulls server code into a browser bundle.
 */
export type { AppType } from './app.js'
export type { Attention, LayerOverview } from './read/aggregates.js'
export type { RhythmListItem } from './read/rhythm-list.js'
export type { RecentSlot } from './evaluation/figures.js'
export type {
  Group as SummaryGroup,
  MonthlySummary,
  PeriodFigures,
  RhythmMonth,
  TrendMonth,
} from './summary/types.js'

/** `hello`: sent first on every connection, with the journal id the stream continues after. */
export interface StreamHello {
  cursor: number
  at: number
}

/** `beat`: a beat was stored (from the ping API, a connector, a webhook or the demo). */
export interface StreamBeat {
  rhythmId: string
  at: number
  ok: boolean
  player: string | null
  inRest: boolean
  origin: 'api' | 'record' | 'demo'
}

/** `state`: a rhythm flipped between tight, drifting and silent. */
export interface StreamState {
  rhythmId: string
  from: RhythmState | null
  to: RhythmState
  reasons: Reason[]
  score: number | null
}

/** `heartbeat`: the stream is alive; sent when nothing else was for a while. */
export interface StreamHeartbeat {
  at: number
  cursor: number
}

/** The events of `GET /v1/stream`, by their SSE event name. */
export interface StreamEvents {
  hello: StreamHello
  beat: StreamBeat
  state: StreamState
  heartbeat: StreamHeartbeat
}
