import { addBusinessTime } from './business-time.js'
import { PSA } from './demo-cast.js'
import { inWindow } from './demo-types.js'
import { between, chance } from './random.js'
import { MINUTE } from './zoned-time.js'
import type { DemoOrganisation, Priority } from './demo-cast.js'
import type { Random } from './random.js'
import type { Delivery, DemoWindow } from './demo-types.js'

/** A ticket's whole life, decided up front; each window sees it as it stood then. */
export interface TicketPlan {
  externalId: string
  organisationId: string
  company: string
  board: 'Service Desk' | 'Alerts' | 'Maintenance'
  priority: Priority
  type: string
  summary: string
  assignee: string
  createdAt: number
  firstResponseAt: number
  resolvedAt: number
  closedAt: number
}

/**
 * The ticket as the PSA would return it at the end of `window`, if anything happened to it
 * within the window: created, answered, resolved or closed. Times still ahead are unset, as they
 * would be in the vendor's record, so a later window delivers the ticket again, updated.
 */
export function ticketDelivery(plan: TicketPlan, window: DemoWindow): Delivery | undefined {
  const events = [plan.createdAt, plan.firstResponseAt, plan.resolvedAt, plan.closedAt]
  if (!events.some((at) => inWindow(at, window))) return undefined
  const seen = (at: number) => (at <= window.to ? at : null)
  const status =
    plan.closedAt <= window.to
      ? 'Closed'
      : plan.resolvedAt <= window.to
        ? 'Resolved'
        : plan.firstResponseAt <= window.to
          ? 'In Progress'
          : 'New'
  const record = {
    kind: 'ticket' as const,
    externalId: plan.externalId,
    organisationId: plan.organisationId,
    board: plan.board,
    priority: plan.priority,
    type: plan.type,
    summary: plan.summary,
    status,
    assignee: plan.assignee,
    createdAt: plan.createdAt,
    firstResponseAt: seen(plan.firstResponseAt),
    resolvedAt: seen(plan.resolvedAt),
    closedAt: seen(plan.closedAt),
    raw: {
      demo: true,
      id: plan.externalId,
      company: plan.company,
      board: plan.board,
      priority: plan.priority,
      summary: plan.summary,
      status,
    },
  }
  const at = Math.max(...events.filter((event) => event <= window.to))
  return { integrationId: PSA, at, record }
}

/**
 * When a service-desk ticket is answered and resolved, by the organisation's SLA: on time
 * mostly, late (just after its business-hours due time) as often as its record says.
 */
export function answerTimes(
  organisation: DemoOrganisation,
  priority: Priority,
  createdAt: number,
  random: Random,
): { firstResponseAt: number; resolvedAt: number; closedAt: number } {
  const { calendar } = organisation
  const target = organisation.firstResponse[priority]
  const responseDue = addBusinessTime(calendar, createdAt, target)
  // On call answers a P1 at any hour. The desk works the rest by due time: a ticket not due
  // before the weekend waits for Monday, as it would, and its answer is never days early.
  const answerFrom =
    priority === 'P1'
      ? createdAt
      : addBusinessTime(calendar, Math.max(createdAt, responseDue - target), 0)
  const firstResponseAt = chance(random, organisation.lateFirstResponse[priority])
    ? responseDue + between(random, 3, 25) * MINUTE
    : Math.min(answerFrom + between(random, 1, 12) * MINUTE, responseDue)
  const resolution = organisation.resolution[priority]
  const resolvedAt = chance(random, organisation.lateResolution)
    ? addBusinessTime(calendar, createdAt, resolution) + between(random, 10, 90) * MINUTE
    : // At most ~0.4 of the target is spent before the answer, so this stays within it.
      addBusinessTime(calendar, firstResponseAt, between(random, 0.1, 0.55) * resolution)
  const closedAt = resolvedAt + between(random, 20, 240) * MINUTE
  return { firstResponseAt, resolvedAt, closedAt }
}
