import { evaluateRhythms } from '../evaluation/evaluate-rhythms.js'
import { InputCache } from '../evaluation/input-cache.js'
import type { Db } from '../db/database.js'
import type { EventBus } from '../events/event-bus.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { Logger } from 'pino'

const DEBOUNCE_MS = 200

/**
 * Re-evaluates rhythms when their inputs change (debounced, so a burst of beats is one run) and
 * when asked for all of them (the schedule). Runs never overlap: the next waits for the last.
 */
export class Evaluator {
  private dirty = new Set<string>()
  private everything = false
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> = Promise.resolve()
  /** Each rhythm's beats and triggers between passes; told here whenever they change. */
  private readonly inputs = new InputCache()

  constructor(
    private readonly deps: {
      db: Db
      bus: EventBus
      log: Logger
      catalog: () => RhythmCatalog
      now: () => number
      /** Told after each run that stored states, so readers can refresh. */
      onEvaluated?: () => void
    },
  ) {}

  /** Queues rhythms whose beats or triggers changed (after the change has committed). */
  touch(rhythmIds: Iterable<string>): void {
    const ids = [...rhythmIds]
    this.inputs.invalidate(ids)
    for (const id of ids) this.dirty.add(id)
    this.schedule()
  }

  /** Queues rhythms whose inputs did not change but whose judgement may (a sync's freshness). */
  recheck(rhythmIds: Iterable<string>): void {
    for (const id of rhythmIds) this.dirty.add(id)
    this.schedule()
  }

  /**
   * Any rhythm's inputs may have changed: a new score re-derived beats and moved windows, or
   * another process wrote more than it could list.
   */
  allInputsChanged(): void {
    this.inputs.clear()
    this.touchAll()
  }

  /** Queues every active rhythm (the time itself moves slots from pending to missed). */
  touchAll(): void {
    this.everything = true
    this.schedule()
  }

  /** Runs whatever is queued now and resolves when it is stored. */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    this.running = this.running.then(() => this.run())
    await this.running
  }

  async close(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    await this.running
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), DEBOUNCE_MS)
  }

  private async run(): Promise<void> {
    if (!this.everything && this.dirty.size === 0) return
    const rhythmIds = this.everything ? undefined : [...this.dirty]
    this.everything = false
    this.dirty = new Set()
    const started = performance.now()
    try {
      const { evaluated, events } = await evaluateRhythms({
        db: this.deps.db,
        catalog: this.deps.catalog(),
        now: this.deps.now(),
        rhythmIds,
        log: this.deps.log,
        cache: this.inputs,
      })
      this.deps.onEvaluated?.()
      this.deps.bus.publish(events)
      this.deps.log.debug(
        { evaluated, flips: events.length, ms: Math.round(performance.now() - started) },
        'rhythms evaluated',
      )
    } catch (error) {
      this.deps.log.error({ err: error }, 'evaluation failed')
    }
  }
}
