import { Listeners } from './listeners'
import type { StreamEvents } from '@baton/ingest/api'

export type LiveStatus = 'connecting' | 'live' | 'down'
export type StreamEventName = keyof StreamEvents
/** `resumed`: this `hello` opens a connection after an earlier one was lost. */
type Meta = { resumed: boolean }

const EVENT_NAMES: readonly StreamEventName[] = ['hello', 'beat', 'state', 'heartbeat']
// The service sends a heartbeat every 15 s; this long without any event means the connection
// is dead even when the socket has not said so (a sleeping laptop, a proxy that holds on).
const SILENCE_MS = 40_000
const RETRY_MS = [1_000, 2_000, 3_000, 5_000]

/**
 * Follows the service's live stream (through the dashboard's `/api/stream`) and reconnects by
 * itself, resuming after the last event id it saw. `status`, `heardAt` and `downSince` are
 * reactive, so a view can always say how fresh it is.
 */
export class LiveStream {
  status = $state<LiveStatus>('connecting')
  /** When anything last arrived, heartbeats included (client clock, ms). */
  heardAt = $state<number | null>(null)
  /** When the stream was first found down, while it stays down. */
  downSince = $state<number | null>(null)

  #url: string
  #source: EventSource | undefined
  #lastId: string | undefined
  #attempt = 0
  #hellos = 0
  #retry: ReturnType<typeof setTimeout> | undefined
  #watchdog: ReturnType<typeof setTimeout> | undefined
  #listeners = new Listeners<StreamEvents, Meta>()
  #stopped = true

  constructor(url = '/api/stream') {
    this.#url = url
  }

  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#open()
  }

  stop(): void {
    this.#stopped = true
    this.#close()
    clearTimeout(this.#retry)
  }

  /** Calls `listener` for every event of that name; returns the unsubscribe. */
  on<K extends StreamEventName>(
    name: K,
    listener: (event: StreamEvents[K], meta: Meta) => void,
  ): () => void {
    return this.#listeners.on(name, listener)
  }

  #open(): void {
    const url = this.#lastId ? `${this.#url}?after=${encodeURIComponent(this.#lastId)}` : this.#url
    const source = new EventSource(url)
    this.#source = source
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => this.#receive(name, event as MessageEvent<string>))
    }
    source.addEventListener('error', () => this.#failed(source))
    this.#armWatchdog()
  }

  #receive(name: StreamEventName, event: MessageEvent<string>): void {
    this.heardAt = Date.now()
    if (event.lastEventId) this.#lastId = event.lastEventId
    this.#armWatchdog()
    let resumed = false
    if (name === 'hello') {
      resumed = this.#hellos++ > 0
      this.status = 'live'
      this.downSince = null
      this.#attempt = 0
    }
    let payload: StreamEvents[typeof name]
    try {
      payload = JSON.parse(event.data) as StreamEvents[typeof name]
    } catch {
      return
    }
    this.#listeners.emit(name, payload, { resumed })
  }

  #failed(source: EventSource): void {
    this.#markDown()
    // While the browser retries by itself it resends Last-Event-ID; once it gives up (an error
    // answer: the dashboard says 503 while the service is away) we open a new one ourselves.
    if (source.readyState === EventSource.CLOSED) this.#reconnectLater()
  }

  #markDown(): void {
    this.status = 'down'
    this.downSince ??= Date.now()
  }

  #reconnectLater(): void {
    this.#close()
    if (this.#stopped) return
    clearTimeout(this.#retry)
    const delay = RETRY_MS[Math.min(this.#attempt++, RETRY_MS.length - 1)]
    this.#retry = setTimeout(() => this.#open(), delay)
  }

  #armWatchdog(): void {
    clearTimeout(this.#watchdog)
    this.#watchdog = setTimeout(() => {
      this.#markDown()
      this.#reconnectLater()
    }, SILENCE_MS)
  }

  #close(): void {
    clearTimeout(this.#watchdog)
    this.#source?.close()
    this.#source = undefined
  }
}
