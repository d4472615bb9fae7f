import { Clock } from './clock.svelte'
import { LiveStream } from './live.svelte'
import { Refresher } from './refresher'
import { staleness } from './staleness'
import type { Staleness } from './staleness'

// A state change is what the views are for: reload at once. Everything else can wait a little.
const STATE_RELOAD_MS = 200
const PERIODIC_RELOAD_MS = 30_000

/**
 * A server-rendered view kept live: it follows the stream, reloads its data (at most once a
 * second) when a rhythm changes state or the stream resumes after an outage, and knows how
 * stale what it shows is.
 */
export class LiveView {
  readonly stream = new LiveStream()
  readonly clock = new Clock()
  readonly #refresher: Refresher

  constructor(
    reload: () => Promise<unknown>,
    private readonly hasData: () => boolean,
    /** Which rhythms' state changes concern this view; by default every rhythm's. */
    private readonly concerns: (rhythmId: string) => boolean = () => true,
  ) {
    this.#refresher = new Refresher(reload, 1_000)
  }

  /** Starts following; returns the stop, so it fits `onMount`. */
  start(): () => void {
    const unsubscribe = [
      this.stream.on('state', ({ rhythmId }) => {
        if (this.concerns(rhythmId)) this.reloadSoon(STATE_RELOAD_MS)
      }),
      this.stream.on('hello', (_, { resumed }) => {
        if (resumed || !this.hasData()) this.reloadSoon()
      }),
    ]
    this.stream.start()
    this.clock.start()
    const periodic = setInterval(() => this.reloadSoon(), PERIODIC_RELOAD_MS)
    return () => {
      for (const off of unsubscribe) off()
      clearInterval(periodic)
      this.#refresher.stop()
      this.clock.stop()
      this.stream.stop()
    }
  }

  reloadSoon(delayMs = 0): void {
    this.#refresher.request(delayMs)
  }

  /** When the view last knew it was current: its data arrived, or the stream spoke. */
  freshAt(dataAt: number): number {
    return Math.max(dataAt, this.stream.heardAt ?? 0)
  }

  staleness(dataAt: number): Staleness {
    return staleness({
      status: this.stream.status,
      downSince: this.stream.downSince,
      freshAt: this.freshAt(dataAt),
      now: this.clock.now,
    })
  }
}
