import type { Beat, Evaluation } from '@baton/cadence'
import type { RhythmWork } from '../evaluation/load-inputs.js'

/**
 * The ok beats a span's slots took, to be withheld from the next span. A beat is known by its
 * time and by what the engine matched it on: its key for an SLA, its player in an ensemble.
 */
export class TakenBeats {
  private readonly count = new Map<string, number>()
  private latest = Number.NEGATIVE_INFINITY

  constructor(private readonly work: RhythmWork) {}

  static of(work: RhythmWork, evaluation: Evaluation): TakenBeats {
    const taken = new TakenBeats(work)
    for (const slot of evaluation.slots) {
      if (slot.beatAt === undefined) continue
      const id = taken.idOf(slot.beatAt, slot.player, slot.key)
      taken.count.set(id, (taken.count.get(id) ?? 0) + 1)
      taken.latest = Math.max(taken.latest, slot.beatAt)
    }
    return taken
  }

  without(beats: Beat[]): Beat[] {
    if (this.count.size === 0) return beats
    const left = new Map(this.count)
    return beats.filter((beat) => {
      if (!beat.ok || beat.at > this.latest) return true
      const id = this.idOf(beat.at, beat.player, beat.key)
      const times = left.get(id) ?? 0
      if (times === 0) return true
      left.set(id, times - 1)
      return false
    })
  }

  private idOf(at: number, player: string | undefined, key: string | undefined): string {
    if (this.work.spec.cadence.kind === 'sla') return `${at} ${key}`
    return this.work.input.roster ? `${at} ${player}` : `${at}`
  }
}
