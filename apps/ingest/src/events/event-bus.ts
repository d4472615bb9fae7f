import { EventEmitter } from 'node:events'
import type { EventRow } from '../db/database.js'

/**
 * Fans committed journal events out to this process's stream clients. Events are written to
 * the `events` table first, so a client that reconnects reads what it missed from there.
 */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every open dashboard is a listener; the default limit of 10 is meant for leak detection.
    this.emitter.setMaxListeners(0)
  }

  publish(events: readonly EventRow[]): void {
    for (const event of events) this.emitter.emit('event', event)
  }

  subscribe(listener: (event: EventRow) => void): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }
}
