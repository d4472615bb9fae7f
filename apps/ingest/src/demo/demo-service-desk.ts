import { isBusinessDay, openingHours } from './business-time.js'
import { DEMO_ORGANISATIONS } from './demo-cast.js'
import { alertPlan } from './demo-alerts.js'
import { memoised } from './demo-memo.js'
import { answerTimes, ticketDelivery } from './demo-ticket-plan.js'
import { SERVICE_DESK_SUMMARIES } from './demo-vocabulary.js'
import { between, chance, pick, rngFor, weighted } from './random.js'
import { DAY, dayKey, localDayOf, zonedTime } from './zoned-time.js'
import type { DemoOrganisation } from './demo-cast.js'
import type { TicketPlan } from './demo-ticket-plan.js'
import type { Delivery, DemoStream } from './demo-types.js'

/** Long enough for a P4 on a four-day week across the Christmas holidays to be resolved. */
export const TICKET_LIFETIME_MS = 14 * DAY
export const PRIORITY_MIX = { P1: 0.03, P2: 0.15, P3: 0.65, P4: 0.17 } as const

/** Each organisation's everyday tickets and RMM alerts, at a believable daily rate. */
export function serviceDeskStreams(): DemoStream[] {
  return DEMO_ORGANISATIONS.map((organisation) => ({
    name: `service-desk:${organisation.id}`,
    layer: 'note',
    deliveries: (window, { seed }) => {
      const deliveries: Delivery[] = []
      const first = localDayOf(window.from - TICKET_LIFETIME_MS, organisation.tz)
      for (let day = first; day <= localDayOf(window.to, organisation.tz); day++) {
        for (const plan of plansOfDay(seed, organisation, day)) {
          const delivery = ticketDelivery(plan, window)
          if (delivery) deliveries.push(delivery)
        }
      }
      return deliveries
    },
  }))
}

function plansOfDay(seed: number, organisation: DemoOrganisation, day: number): TicketPlan[] {
  return memoised(`desk:${seed}:${organisation.id}:${day}`, () => [
    ...ticketsOfDay(seed, organisation, day),
    ...alertsOfDay(seed, organisation, day),
  ])
}

function ticketsOfDay(seed: number, organisation: DemoOrganisation, day: number): TicketPlan[] {
  const random = rngFor(seed, 'tickets', organisation.id, day)
  const hours = openingHours(organisation.calendar, day)
  const working = isBusinessDay(organisation.calendar, day)
  // Weekends and holidays bring the odd emergency; working days a handful of everything.
  const count = working
    ? Math.round(organisation.ticketsPerBusinessDay * between(random, 0.6, 1.4))
    : Number(chance(random, 0.3))
  const plans: TicketPlan[] = []
  for (let index = 0; index < count; index++) {
    const [open, close] = working ? pick(random, hours) : [8 * 60, 20 * 60]
    const createdAt = zonedTime(organisation.tz, day, between(random, open, close - 15))
    const priority = working ? weighted(random, PRIORITY_MIX) : pick(random, ['P1', 'P2'] as const)
    const [summary, type] = pick(random, SERVICE_DESK_SUMMARIES[organisation.id] ?? [])
    plans.push({
      externalId: `demo-t-${organisation.id}-${dayKey(day)}-${index + 1}`,
      organisationId: organisation.id,
      company: organisation.company,
      board: 'Service Desk',
      priority,
      type,
      summary,
      assignee: pick(random, organisation.technicians),
      createdAt,
      ...answerTimes(organisation, priority, createdAt, random),
    })
  }
  return plans
}

function alertsOfDay(seed: number, organisation: DemoOrganisation, day: number): TicketPlan[] {
  const random = rngFor(seed, 'alerts', organisation.id, day)
  const count = Math.floor(between(random, 0, 4))
  const plans: TicketPlan[] = []
  for (let index = 0; index < count; index++) {
    const createdAt = zonedTime(organisation.tz, day, between(random, 0, 24 * 60))
    const id = `demo-al-${organisation.id}-${dayKey(day)}-${index + 1}`
    plans.push(alertPlan(id, organisation, createdAt, rngFor(seed, 'alert', id)))
  }
  return plans
}
