import { VendorTimeError, parseVendorTime } from '../vendor-time.js'
import type { QuarantinedRecord, TicketRecord } from '../../records/types.js'
import type { SyncPage } from '../connector.js'

/** What became of one vendor ticket: stored, set aside with a reason, or outside the score. */
export type TicketOutcome =
  | { kind: 'record'; record: TicketRecord }
  | { kind: 'quarantined'; quarantined: QuarantinedRecord }
  | { kind: 'skipped'; reason: string }

/** A ticket that cannot be normalised: kept aside with the reason, naming the field. */
export function quarantineTicket(naturalKey: string, reason: string, raw: unknown): TicketOutcome {
  return { kind: 'quarantined', quarantined: { kind: 'ticket', naturalKey, reason, raw } }
}

/** A page of the tickets stream from the outcomes of one vendor page; skipped ones drop out. */
export function ticketPage(
  outcomes: readonly TicketOutcome[],
  extra: Omit<SyncPage, 'stream' | 'records' | 'quarantined'> = {},
): SyncPage {
  const page: SyncPage = { stream: 'tickets', records: [], quarantined: [], ...extra }
  for (const outcome of outcomes) {
    if (outcome.kind === 'record') page.records.push(outcome.record)
    else if (outcome.kind === 'quarantined') page.quarantined.push(outcome.quarantined)
  }
  return page
}

/** Thrown while mapping: the ticket goes to quarantine with this message. */
export class TicketFieldError extends Error {
  override readonly name = 'TicketFieldError'
}

/**
 * Reads a vendor time field with the one parser. An unreadable value, or a missing one where
 * the time is required, names the field in the error, so the quarantine reason says which.
 */
export function timeField(
  value: unknown,
  field: string,
  { required = false, zone }: { required?: boolean; zone?: string } = {},
): number | null {
  let at: number | null
  try {
    at = parseVendorTime(value, zone)
  } catch (error) {
    if (error instanceof VendorTimeError) throw new TicketFieldError(`${field}: ${error.message}`)
    throw error
  }
  if (at === null && required) throw new TicketFieldError(`${field} is missing`)
  return at
}

/** Like `timeField`, for a cursor: an unreadable value counts as none instead of failing. */
export function looseTime(value: unknown, zone?: string): number | null {
  try {
    return parseVendorTime(value, zone)
  } catch {
    return null
  }
}
