import { ALERT_SUMMARIES } from './demo-vocabulary.js'
import { between, chance, pick } from './random.js'
import { MINUTE, SECOND } from './zoned-time.js'
import type { DemoOrganisation } from './demo-cast.js'
import type { TicketPlan } from './demo-ticket-plan.js'
import type { Random } from './random.js'

/** The alert rhythms' SLA: acknowledged within 15 minutes, around the clock. */
export const ALERT_ACKNOWLEDGEMENT_MS = 15 * MINUTE
const LATE_SHARE = 0.02

/**
 * An RMM alert as it lands on the PSA's Alerts board: acknowledged by the NOC within a few
 * minutes (rarely just after the 15-minute target), then worked and closed within hours.
 */
export function alertPlan(
  externalId: string,
  organisation: DemoOrganisation,
  createdAt: number,
  random: Random,
): TicketPlan {
  const device = pick(random, organisation.devices).key
  const summary = pick(random, ALERT_SUMMARIES).replace('{device}', device)
  const firstResponseAt = chance(random, LATE_SHARE)
    ? createdAt + ALERT_ACKNOWLEDGEMENT_MS + between(random, 1, 4) * MINUTE
    : createdAt + between(random, 20 * SECOND, 6 * MINUTE)
  const resolvedAt = firstResponseAt + between(random, 10, 120) * MINUTE
  return {
    externalId,
    organisationId: organisation.id,
    company: organisation.company,
    board: 'Alerts',
    priority: summary.startsWith('Device offline') ? 'P1' : 'P2',
    type: 'Alert',
    summary,
    assignee: pick(random, organisation.technicians),
    createdAt,
    firstResponseAt,
    resolvedAt,
    closedAt: resolvedAt + between(random, 5, 30) * MINUTE,
  }
}
