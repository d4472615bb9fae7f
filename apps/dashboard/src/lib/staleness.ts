import type { LiveStatus } from './live.svelte'

/** Data this old is called stale, whatever the connection says (the 60 s). */
export const STALE_AFTER_MS = 60_000
/** A stream that drops and is back within this is a blip, not an outage worth a banner. */
export const DOWN_GRACE_MS = 3_000

export type Staleness =
  | { kind: 'fresh' }
  | { kind: 'down'; since: number; dataAt: number }
  | { kind: 'old'; since: number; dataAt: number }

/**
 * Whether a live view must say it is stale, and since when: the stream has been down past a
 * short grace, or nothing (not even a heartbeat) has arrived for a minute.
 */
export function staleness(input: {
  status: LiveStatus
  downSince: number | null
  freshAt: number
  now: number
}): Staleness {
  const { status, downSince, freshAt, now } = input
  if (status === 'down' && downSince !== null && now - downSince >= DOWN_GRACE_MS) {
    return { kind: 'down', since: downSince, dataAt: freshAt }
  }
  if (now - freshAt > STALE_AFTER_MS) return { kind: 'old', since: freshAt, dataAt: freshAt }
  return { kind: 'fresh' }
}
