import { organisationFor } from '../tickets/organisation-key.js'
import { describeIssues, naturalKeyOf } from '../tickets/quarantine.js'
import { TicketFieldError, quarantineTicket, timeField } from '../tickets/ticket-outcome.js'
import { haloTicket, haloTicketId } from './halopsa-api.js'
import type { TicketOutcome } from '../tickets/ticket-outcome.js'
import type { HaloTicket } from './halopsa-api.js'
import type { HaloLabels } from './halopsa-labels.js'

/** Halo's placeholder agent: the ticket is not assigned to anyone. */
const UNASSIGNED_AGENT = 1

export interface HaloMapContext {
  organisations: Readonly<Record<string, string>>
  labels: HaloLabels
  /** Where Halo's offset-less times are read. */
  zone: string
}

/**
 * Normalises one Halo ticket. Pure. A ticket of an unmapped client is skipped; one without a
 * readable id or opening time goes to quarantine naming the field; ids without a lookup entry
 * read as 'unknown'; the 1900-01-01 "no date" reads as none.
 */
export function mapHaloTicket(raw: unknown, context: HaloMapContext): TicketOutcome {
  const parsed = haloTicket.safeParse(raw)
  if (!parsed.success) {
    return quarantineTicket(naturalKeyOf(undefined, raw), describeIssues(parsed.error), raw)
  }
  const ticket = parsed.data
  const organisationId = organisationFor(context.organisations, [
    ticket.client_id,
    ticket.client_name,
  ])
  if (organisationId === undefined) return { kind: 'skipped', reason: 'client is not mapped' }
  const id = haloTicketId.safeParse(ticket.id)
  if (!id.success) {
    return quarantineTicket(naturalKeyOf(undefined, raw), `id: ${describeIssues(id.error)}`, raw)
  }
  const externalId = String(id.data)
  const { labels, zone } = context
  try {
    const opened = ticket.dateoccurred ?? ticket.datecreated
    // Halo has no separate resolution time in its lists: closing is resolving.
    const closedAt =
      ticket.hasbeenclosed === false ? null : timeField(ticket.dateclosed, 'dateclosed', { zone })
    return {
      kind: 'record',
      record: {
        kind: 'ticket',
        externalId,
        organisationId,
        board: ticket.team ?? null,
        priority: ticket.priority?.name ?? labels.label('priority', ticket.priority_id),
        type: labels.label('type', ticket.tickettype_id),
        summary: ticket.summary ?? null,
        status: labels.label('status', ticket.status_id),
        assignee: assigneeOf(ticket),
        createdAt: timeField(opened, 'dateoccurred', { required: true, zone })!,
        firstResponseAt: timeField(ticket.responsedate, 'responsedate', { zone }),
        resolvedAt: closedAt,
        closedAt,
        raw: raw as object,
      },
    }
  } catch (error) {
    if (error instanceof TicketFieldError) return quarantineTicket(externalId, error.message, raw)
    throw error
  }
}

/** The agent's id: the same key whether the ticket came from a poll or a webhook. */
function assigneeOf(ticket: HaloTicket): string | null {
  const agent = ticket.agent_id
  return agent === null || agent === undefined || agent <= UNASSIGNED_AGENT ? null : String(agent)
}

/** The time a Halo ticket last changed, for the cursor (the field differs between endpoints). */
export function haloUpdatedAt(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return undefined
  const ticket = raw as Record<string, unknown>
  return ticket['lastupdate'] ?? ticket['last_update'] ?? ticket['lastactiondate']
}
