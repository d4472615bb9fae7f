import { z } from 'zod'
import { looseTime } from '../tickets/ticket-outcome.js'
import type { TicketQuery } from './autotask-client.js'

/**
 * The `tickets` stream's cursor, as JSON. Autotask returns a query's pages in id order, not by
 * `lastActivityDate`, so a watermark alone cannot move page by page. Between passes the cursor
 * is `{ since }`: the watermark. During a pass it also holds the last id committed, and a pass
 * cut short resumes with the same lower bound above that id, losing nothing.
 */
const storedCursor = z.object({
  /** Between passes: the watermark. During one: the pass's lower bound (overlap applied). */
  since: z.iso.datetime(),
  /** The last id committed by the pass under way. */
  afterId: z.number().int().nonnegative().optional(),
  /** The watermark the pass under way is heading for. */
  seen: z.iso.datetime().optional(),
  /** Our clock when the pass under way began. */
  began: z.iso.datetime().optional(),
})
type StoredCursor = z.infer<typeof storedCursor>

const trackedItem = z.looseObject({
  id: z.number().int(),
  lastActivityDate: z.unknown().optional(),
})

/** One read of the stream: from a watermark (or a cursor left mid-pass) to the last page. */
export class TicketPass {
  /** `lastActivityDate` at or after this (epoch ms). */
  readonly from: number
  /** Only ids above this: set when resuming a pass that was cut short. */
  readonly resumeAfterId: number | undefined
  /** Set when a stored cursor could not be read and the pass starts over at `since`. */
  readonly unreadableCursor: string | undefined
  private readonly began: number
  private lastId: number | undefined
  private watermark: number | null

  private constructor(fields: {
    from: number
    afterId?: number
    watermark: number | null
    began: number
    unreadableCursor?: string
  }) {
    this.unreadableCursor = fields.unreadableCursor
    this.from = fields.from
    this.resumeAfterId = fields.afterId
    this.lastId = fields.afterId
    this.watermark = fields.watermark
    this.began = fields.began
  }

  /**
   * Starts from the stored cursor: resumes a pass cut short as it was, starts a new one the
   * overlap before the watermark, or (first sync, or a cursor we cannot read) at `since`.
   */
  static start(
    cursor: string | undefined,
    { since, now, overlapMs }: { since: number; now: number; overlapMs: number },
  ): TicketPass {
    const stored = readCursor(cursor)
    if (!stored) {
      return new TicketPass({ from: since, watermark: null, began: now, unreadableCursor: cursor })
    }
    const at = Date.parse(stored.since)
    if (stored.afterId !== undefined) {
      return new TicketPass({
        from: at,
        afterId: stored.afterId,
        watermark: stored.seen ? Date.parse(stored.seen) : null,
        began: stored.began ? Date.parse(stored.began) : now,
      })
    }
    return new TicketPass({ from: at - overlapMs, watermark: at, began: now })
  }

  /**
   * Notes a raw item as read (stored, quarantined or skipped alike). The watermark never passes
   * the moment the pass began: a ticket with a lower id that changed while we read later pages
   * was not seen, and the next pass must still reach back to it.
   */
  track(raw: unknown): void {
    const item = trackedItem.safeParse(raw)
    if (!item.success) return
    this.lastId = Math.max(this.lastId ?? 0, item.data.id)
    const activity = looseTime(item.data.lastActivityDate)
    if (activity === null) return
    const capped = Math.min(activity, this.began)
    this.watermark = Math.max(this.watermark ?? capped, capped)
  }

  /** The pass's query: changed since its bound, above its resume id, in the chosen queues. */
  query({ pageSize, queues }: { pageSize: number; queues?: readonly number[] }): TicketQuery {
    return {
      MaxRecords: pageSize,
      filter: [
        { op: 'gte', field: 'lastActivityDate', value: iso(this.from) },
        ...(this.resumeAfterId === undefined
          ? []
          : [{ op: 'gt' as const, field: 'id', value: this.resumeAfterId }]),
        ...(queues ? [{ op: 'in' as const, field: 'queueID', value: [...queues] }] : []),
      ],
    }
  }

  /** The cursor to store with the page just read; after the last page, the new watermark. */
  cursor(finished: boolean): string {
    const value: StoredCursor = finished
      ? { since: iso(this.watermark ?? this.from) }
      : {
          since: iso(this.from),
          afterId: this.lastId ?? 0,
          ...(this.watermark === null ? {} : { seen: iso(this.watermark) }),
          began: iso(this.began),
        }
    return JSON.stringify(value)
  }
}

function readCursor(text: string | undefined): StoredCursor | undefined {
  if (text === undefined) return undefined
  try {
    const parsed = storedCursor.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Autotask takes times as `yyyy-mm-ddThh:mm:ss.msZ`, in UTC. */
function iso(at: number): string {
  return new Date(at).toISOString()
}
