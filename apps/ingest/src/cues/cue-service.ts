import { CueDelivery } from './deliver-cues.js'
import { planFlipCues, planRepeatCues } from './plan-cues.js'
import type { EventBus } from '../events/event-bus.js'
import type { CueDeliveryDeps } from './deliver-cues.js'
import type { CuePlanning } from './plan-cues.js'

/** A flip is cued within this of being stored; more flips meanwhile share the round. */
const KICK_DELAY_MS = 200

/**
 * Runs cue planning and delivery: soon after a flip is published, and on an interval for
 * repeats, retries and other instances' flips. One round at a time in this process; rounds in
 * several processes are kept apart by the database (see plan-cues.ts and deliver-cues.ts).
 */
export class CueService {
  private readonly delivery: CueDelivery
  private running: Promise<void> = Promise.resolve()
  private kickTimer: NodeJS.Timeout | undefined
  private interval: NodeJS.Timeout | undefined
  private unsubscribe: (() => void) | undefined

  constructor(
    private readonly deps: CuePlanning & CueDeliveryDeps & { bus: EventBus; intervalMs: number },
  ) {
    this.delivery = new CueDelivery(deps)
  }

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type === 'state') this.kick()
    })
    this.interval = setInterval(() => void this.round(), this.deps.intervalMs)
    this.kick()
  }

  /** Plans and sends what is due now, after any round under way. */
  round(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        await planFlipCues(this.deps)
        await planRepeatCues(this.deps)
        await this.delivery.deliverDue()
      } catch (error) {
        this.deps.log.error({ err: error }, 'cue round failed; the next one tries again')
      }
    })
    return this.running
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    clearTimeout(this.kickTimer)
    clearInterval(this.interval)
    await this.running
    this.delivery.close()
  }

  private kick(): void {
    this.kickTimer ??= setTimeout(() => {
      this.kickTimer = undefined
      void this.round()
    }, KICK_DELAY_MS)
  }
}
