import { parseVendorTime } from '../vendor-time.js'

/**
 * Where an incremental stream starts reading: its stored watermark minus the overlap (vendors'
 * clocks drift and commits land late), or `since` on a first sync. Re-reading is harmless:
 * storage de-duplicates by the vendor's id.
 */
export function streamStart({
  cursor,
  since,
  overlapMs,
}: {
  cursor: string | undefined
  since: number
  overlapMs: number
}): number {
  const at = cursorTime(cursor)
  return at === undefined ? since : at - overlapMs
}

/** A stored cursor as epoch ms; undefined when there is none or it cannot be read. */
export function cursorTime(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined
  try {
    return parseVendorTime(cursor) ?? undefined
  } catch {
    return undefined
  }
}

/**
 * The watermark of a stream read in ascending order of update time: each page's cursor is the
 * highest update time read so far, so a sync killed mid-way resumes after its last committed
 * page. It never goes back, and never passes the sync's own start (`ceiling`): a record changed
 * while we read is read again next time rather than lost. If the vendor returns records out of
 * order, an early cursor could skip records not read yet, so it then holds still until the
 * last page.
 */
export class Watermark {
  private highest: number
  private previous = Number.NEGATIVE_INFINITY
  private inOrder = true

  constructor(
    private readonly stored: number | undefined,
    private readonly ceiling: number,
  ) {
    this.highest = stored ?? Number.NEGATIVE_INFINITY
  }

  /** Whether every update time so far came in ascending order. */
  get ordered(): boolean {
    return this.inOrder
  }

  /** Notes a record's update time (null: the record has none we can read). */
  see(at: number | null): void {
    if (at === null) return
    if (at < this.previous) this.inOrder = false
    this.previous = at
    if (at > this.highest) this.highest = at
  }

  /** The cursor to store with the page just read; undefined when it must not move yet. */
  cursor(lastPage: boolean): string | undefined {
    if (!this.inOrder && !lastPage) return undefined
    const capped = Math.min(this.highest, this.ceiling)
    const at = this.stored === undefined ? capped : Math.max(this.stored, capped)
    return Number.isFinite(at) ? new Date(at).toISOString() : undefined
  }
}
