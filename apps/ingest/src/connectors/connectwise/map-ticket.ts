import { describeIssues, naturalKeyOf } from '../tickets/quarantine.js'
import { organisationFor } from '../tickets/organisation-key.js'
import { TicketFieldError, quarantineTicket, timeField } from '../tickets/ticket-outcome.js'
import { connectWiseTicket, ticketId } from './connectwise-api.js'
import type { RawJson } from '../../records/raw-json.js'
import type { TicketOutcome } from '../tickets/ticket-outcome.js'
import type { ConnectWiseTicket } from './connectwise-api.js'

/**
 * Normalises one ConnectWise ticket. Pure: the integration's organisation map is the only
 * context. A ticket of an unmapped company is skipped; one without a readable id or creation
 * time goes to quarantine naming the field; labels ConnectWise left out become null.
 */
export function mapConnectWiseTicket(
  raw: unknown,
  organisations: Readonly<Record<string, string>>,
  /** The ticket's JSON text as ConnectWise sent it, stored instead of `raw` re-serialised. */
  rawText?: RawJson,
): TicketOutcome {
  const kept = rawText ?? raw
  const parsed = connectWiseTicket.safeParse(raw)
  if (!parsed.success) {
    return quarantineTicket(naturalKeyOf(undefined, raw), describeIssues(parsed.error), kept)
  }
  const ticket = parsed.data
  const organisationId = organisationFor(organisations, [
    ticket.company?.id,
    ticket.company?.identifier,
  ])
  if (organisationId === undefined) return { kind: 'skipped', reason: 'company is not mapped' }
  const id = ticketId.safeParse(ticket.id)
  if (!id.success) {
    return quarantineTicket(naturalKeyOf(undefined, raw), `id: ${describeIssues(id.error)}`, kept)
  }
  const externalId = String(id.data)
  try {
    return {
      kind: 'record',
      record: {
        kind: 'ticket',
        externalId,
        organisationId,
        board: ticket.board?.name ?? null,
        priority: ticket.priority?.name ?? null,
        type: ticket.type?.name ?? null,
        summary: ticket.summary ?? null,
        status: ticket.status?.name ?? null,
        assignee: assigneeOf(ticket),
        createdAt: timeField(ticket._info?.dateEntered, '_info.dateEntered', { required: true })!,
        firstResponseAt: timeField(ticket.dateResponded, 'dateResponded'),
        resolvedAt: timeField(ticket.dateResolved, 'dateResolved'),
        // A reopened ticket may keep its old closedDate: only the flag says it is closed now.
        closedAt: ticket.closedFlag === true ? timeField(ticket.closedDate, 'closedDate') : null,
        raw: rawText ?? (raw as object),
      },
    }
  } catch (error) {
    if (error instanceof TicketFieldError) return quarantineTicket(externalId, error.message, kept)
    throw error
  }
}

/** The owner, else the first of the ticket's resources (a comma-separated list). */
function assigneeOf(ticket: ConnectWiseTicket): string | null {
  if (ticket.owner?.identifier) return ticket.owner.identifier
  const first = ticket.resources
    ?.split(',')
    .map((part) => part.trim())
    .find((part) => part !== '')
  return first ?? null
}
