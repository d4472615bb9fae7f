const HOUR = 3_600_000

/** A job still "running" after this long is stuck: it no longer holds the watermark back. */
export const RUNNING_HOLD_MS = 48 * HOUR

/**
 * Where a time-filtered stream resumes next sync: the latest start (or install) time read, but
 * never past a job still running, which must be read again once it has finished, and never back
 * before the stream's previous watermark. Without anything read it does not move.
 */
export class Watermark {
  private latest: number | undefined
  private earliestOpen: number | undefined

  constructor(
    private readonly options: {
      /** Where this read started: a running job of unknown start holds the watermark here. */
      from: number
      previous?: number
      now: number
      holdMs?: number
    },
  ) {}

  /** A record read, at its start or install time. */
  passed(at: number | null): void {
    if (at !== null && (this.latest === undefined || at > this.latest)) this.latest = at
  }

  /** A job still running since `at` (null when its start is unknown). */
  open(at: number | null): void {
    const { from, now, holdMs = RUNNING_HOLD_MS } = this.options
    const since = at ?? from
    if (since < now - holdMs) return
    if (this.earliestOpen === undefined || since < this.earliestOpen) this.earliestOpen = since
  }

  /** Epoch ms, or undefined when nothing moved it. */
  value(): number | undefined {
    const { previous, now } = this.options
    if (this.latest === undefined) return undefined
    const read = Math.max(this.latest, previous ?? this.latest)
    return Math.min(read, this.earliestOpen ?? read, now)
  }
}
