import { DEMO_ORGANISATIONS, SCHEDULES } from './demo-cast.js'
import { dueTimes } from './demo-cron.js'
import { ticketDelivery } from './demo-ticket-plan.js'
import { MONTH_NAMES } from '../lib/month-names.js'
import { between, pick, rngFor } from './random.js'
import { DAY, HOUR, MINUTE, civilDay, localDayOf } from './zoned-time.js'
import type { DemoOrganisation } from './demo-cast.js'
import type { TicketPlan } from './demo-ticket-plan.js'
import type { DemoStream } from './demo-types.js'

/**
 * The monthly security audit: the PSA opens a recurring "Monthly security audit" ticket on the
 * 1st, and closing it is that month's beat of the organisation's security-audit rhythm.
 */
export function auditStreams(): DemoStream[] {
  return DEMO_ORGANISATIONS.map((organisation) => ({
    name: `security-audit:${organisation.id}`,
    layer: 'section',
    deliveries: (window, { seed }) => {
      const { cron } = SCHEDULES.securityAudit
      // A month's ticket lives from four days before its due time to a day or two before it.
      const dues = dueTimes(cron, organisation.tz, window.from, window.to + 5 * DAY)
      return dues.flatMap((due) => ticketDelivery(auditPlan(seed, organisation, due), window) ?? [])
    },
  }))
}

function auditPlan(seed: number, organisation: DemoOrganisation, due: number): TicketPlan {
  const { year, month } = civilDay(localDayOf(due, organisation.tz))
  const period = `${year}${String(month).padStart(2, '0')}`
  const random = rngFor(seed, 'audit', organisation.id, period)
  const createdAt = due - 4 * DAY - 9 * HOUR
  const resolvedAt = due - between(random, 50, 74) * HOUR
  return {
    externalId: `demo-audit-${organisation.id}-${period}`,
    organisationId: organisation.id,
    company: organisation.company,
    board: 'Maintenance',
    priority: 'P3',
    type: 'Audit',
    summary: `Monthly security audit – ${MONTH_NAMES[month - 1]} ${year}`,
    assignee: pick(random, organisation.technicians),
    createdAt,
    firstResponseAt: createdAt + between(random, 1, 3) * HOUR,
    resolvedAt,
    closedAt: resolvedAt + between(random, 10, 40) * MINUTE,
  }
}
