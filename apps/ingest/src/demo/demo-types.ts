import type { Layer } from '@baton/cadence'
import type { SourceRecord } from '../records/types.js'

/** The stretch of time being played: `(from, to]`, epoch ms. */
export interface DemoWindow {
  from: number
  to: number
}

export interface DemoContext {
  seed: number
  /**
   * The `now` the backfill played up to. The drifts are told relative to it (FS02 stopped four
   * nights before it), so live play needs it to carry those stories on.
   */
  anchor?: number
}

/** One record as an integration would hand it over, with the time it would have been synced. */
export interface Delivery {
  integrationId: string
  at: number
  record: SourceRecord
}

/** A check-in on a `manual` rhythm: a QBR held, a DR drill done. */
export interface ManualBeat {
  rhythmId: string
  at: number
  ok: boolean
  player: string
  idempotencyKey: string
}

/** One strand of the demo: everything one source or one manual rhythm plays. */
export interface DemoStream {
  name: string
  /** The layer it feeds: rhythms judged over longer windows get a longer backfill. */
  layer: Layer
  /** How far back the backfill plays it, when not the layer's default. */
  backfillMs?: number
  deliveries?(window: DemoWindow, context: DemoContext): Delivery[]
  beats?(window: DemoWindow, context: DemoContext): ManualBeat[]
}

export function inWindow(at: number, window: DemoWindow): boolean {
  return at > window.from && at <= window.to
}
