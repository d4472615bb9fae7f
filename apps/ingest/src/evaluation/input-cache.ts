import type { Beat, Trigger } from '@baton/cadence'

/** What a rhythm's evaluation reads: its beats and triggers, complete from these cutoffs on. */
export interface RhythmInputs {
  beatsFrom: number
  beats: Beat[]
  triggersFrom: number
  triggers: Trigger[]
}

interface Entry extends RhythmInputs {
  expiresAt: number
}

/** Taken before a read; a read whose rhythm changed meanwhile is not kept. */
export interface ReadTicket {
  epoch: number
  generations: ReadonlyMap<string, number>
}

const DEFAULT_MAX_AGE_MS = 10 * 60_000

/**
 * Each rhythm's beats and triggers, kept between evaluation passes. The scheduled pass
 * re-evaluates every rhythm because time moves, not because its beats did: re-reading a few
 * hundred thousand unchanged beats from PostgreSQL every minute was most of its cost.
 *
 * Whoever writes beats or triggers says so (`invalidate`, through the evaluator's `touch`), and
 * the next pass reads those rhythms again. Entries also expire after a while (spread, so they
 * do not all expire at once), which bounds how long a write that bypassed this process (another
 * instance, a hand-run SQL fix) can go unseen.
 */
export class InputCache {
  private readonly entries = new Map<string, Entry>()
  private readonly generations = new Map<string, number>()
  private epoch = 0

  constructor(
    private readonly maxAgeMs = DEFAULT_MAX_AGE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size
  }

  /** A rhythm's cached inputs if they reach back to the cutoffs, trimmed to them. */
  get(rhythmId: string, beatsFrom: number, triggersFrom: number): RhythmInputs | undefined {
    const entry = this.entries.get(rhythmId)
    if (!entry) return undefined
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(rhythmId)
      return undefined
    }
    if (entry.beatsFrom > beatsFrom || entry.triggersFrom > triggersFrom) return undefined
    // Windows only move forward: what falls out of one now is never needed again.
    if (beatsFrom > entry.beatsFrom) {
      entry.beats = fromTime(entry.beats, beatsFrom)
      entry.beatsFrom = beatsFrom
    }
    if (triggersFrom > entry.triggersFrom) {
      entry.triggers = fromTime(entry.triggers, triggersFrom)
      entry.triggersFrom = triggersFrom
    }
    return entry
  }

  ticket(rhythmIds: Iterable<string>): ReadTicket {
    const generations = new Map<string, number>()
    for (const id of rhythmIds) generations.set(id, this.generations.get(id) ?? 0)
    return { epoch: this.epoch, generations }
  }

  /** Keeps what a read found, unless the rhythm's inputs changed since its ticket was taken. */
  put(ticket: ReadTicket, rhythmId: string, inputs: RhythmInputs): void {
    if (ticket.epoch !== this.epoch) return
    if (ticket.generations.get(rhythmId) !== (this.generations.get(rhythmId) ?? 0)) return
    const spread = this.maxAgeMs * (0.75 + Math.random() / 2)
    this.entries.set(rhythmId, { ...inputs, expiresAt: this.clock() + spread })
  }

  /** These rhythms' beats or triggers changed. */
  invalidate(rhythmIds: Iterable<string>): void {
    for (const id of rhythmIds) {
      this.entries.delete(id)
      this.generations.set(id, (this.generations.get(id) ?? 0) + 1)
    }
  }

  /** Everything may have changed (a new score re-derives beats). */
  clear(): void {
    this.entries.clear()
    this.generations.clear()
    this.epoch++
  }
}

/** The items at or after `at`, from a list in time order. */
export function fromTime<T extends { at: number }>(items: T[], at: number): T[] {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (items[middle]!.at < at) low = middle + 1
    else high = middle
  }
  return low === 0 ? items : items.slice(low)
}

/** The items at or before `at`, from a list in time order. */
export function untilTime<T extends { at: number }>(items: T[], at: number): T[] {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (items[middle]!.at <= at) low = middle + 1
    else high = middle
  }
  return low === items.length ? items : items.slice(0, low)
}
