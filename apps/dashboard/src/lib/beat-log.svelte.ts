import type { StreamBeat } from '@baton/ingest/api'

export interface LoggedBeat extends StreamBeat {
  /** Unique in this page, for keyed lists. */
  seq: number
  /** When it arrived here (client clock). */
  heardAt: number
}

/** The latest beats from the live stream, newest first, bounded so a week-long wall stays small. */
export class BeatLog {
  beats = $state.raw<LoggedBeat[]>([])
  #seq = 0

  constructor(private readonly limit = 120) {}

  add(beat: StreamBeat): void {
    const logged = { ...beat, seq: ++this.#seq, heardAt: Date.now() }
    this.beats = [logged, ...this.beats.slice(0, this.limit - 1)]
  }
}
