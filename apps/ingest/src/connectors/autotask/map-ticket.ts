import { organisationFor } from '../tickets/organisation-key.js'
import { describeIssues, naturalKeyOf } from '../tickets/quarantine.js'
import { TicketFieldError, quarantineTicket, timeField } from '../tickets/ticket-outcome.js'
import { autotaskTicket } from './autotask-api.js'
import { labelOf } from './picklists.js'
import type { TicketOutcome } from '../tickets/ticket-outcome.js'
import type { Picklists } from './picklists.js'

/**
 * Normalises one raw Autotask ticket. Pure: picklist ints become the tenant's labels (unlisted
 * ones 'unknown') and the company becomes a Baton organisation. A ticket of an unmapped company
 * is skipped; one without a readable id or time goes to quarantine naming the field.
 */
export function mapAutotaskTicket(
  raw: unknown,
  context: { picklists: Picklists; organisations: Readonly<Record<string, string>> },
): TicketOutcome {
  const parsed = autotaskTicket.safeParse(raw)
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id
    return quarantineTicket(naturalKeyOf(id, raw), describeIssues(parsed.error), raw)
  }
  const ticket = parsed.data
  const organisationId = organisationFor(context.organisations, [ticket.companyID])
  if (organisationId === undefined) return { kind: 'skipped', reason: 'company is not mapped' }
  const label = (field: string, value: string | number | null | undefined) =>
    labelOf(context.picklists, field, value)
  const externalId = String(ticket.id)
  try {
    return {
      kind: 'record',
      record: {
        kind: 'ticket',
        externalId,
        organisationId,
        board: label('queueID', ticket.queueID),
        priority: label('priority', ticket.priority),
        // The issue type says what the ticket is about; the ticket type (incident, request, ...)
        // stands in when a tenant does not use issue types.
        type: label('issueType', ticket.issueType) ?? label('ticketType', ticket.ticketType),
        summary: ticket.title ?? null,
        status: label('status', ticket.status),
        assignee: ticket.assignedResourceID == null ? null : String(ticket.assignedResourceID),
        createdAt: timeField(ticket.createDate, 'createDate', { required: true })!,
        firstResponseAt: timeField(ticket.firstResponseDateTime, 'firstResponseDateTime'),
        resolvedAt: timeField(ticket.resolvedDateTime, 'resolvedDateTime'),
        closedAt: timeField(ticket.completedDate, 'completedDate'),
        raw: raw as object,
      },
    }
  } catch (error) {
    if (error instanceof TicketFieldError) return quarantineTicket(externalId, error.message, raw)
    throw error
  }
}
