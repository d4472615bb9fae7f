import { isBusinessTime } from './business-time.js'
import { DEMO_ORGANISATIONS } from './demo-cast.js'
import { alertPlan } from './demo-alerts.js'
import { memoised } from './demo-memo.js'
import { PRIORITY_MIX, TICKET_LIFETIME_MS } from './demo-service-desk.js'
import { answerTimes, ticketDelivery } from './demo-ticket-plan.js'
import { SERVICE_DESK_SUMMARIES } from './demo-vocabulary.js'
import { between, chance, pick, rngFor, weighted } from './random.js'
import { HOUR, SECOND } from './zoned-time.js'
import type { TicketPlan } from './demo-ticket-plan.js'
import type { DemoStream } from './demo-types.js'

/** One pulse per this much wall time, each at most PULSE_JITTER_MS into its slot. */
export const PULSE_EVERY_MS = 40 * SECOND
const PULSE_JITTER_MS = 15 * SECOND
/** How much of the pulse the backfill plays: the hours just before the demo starts. */
export const PULSE_BACKFILL_MS = 3 * HOUR
const PER_HOUR = HOUR / PULSE_EVERY_MS
const TICKET_SHARE = 0.4
const ORGANISATION_WEIGHTS = { acme: 0.35, harlow: 0.35, brenner: 0.3 }

/**
 * The live pulse: in real time, a new alert or ticket every 40 s or so, answered minutes later,
 * so a wall left on the demo always has something arriving. Consecutive pulses are at most
 * 55 s apart, so any minute of play brings at least one new record. It starts a few hours before
 * the anchor; the everyday desk (demo-service-desk.ts) carries the long history.
 */
export function pulseStream(): DemoStream {
  return {
    name: 'pulse',
    layer: 'note',
    backfillMs: PULSE_BACKFILL_MS,
    deliveries: (window, { seed, anchor }) => {
      const since = anchor === undefined ? -Infinity : anchor - PULSE_BACKFILL_MS
      const first = Math.floor(Math.max(window.from - TICKET_LIFETIME_MS, since) / HOUR)
      const deliveries = []
      for (let hour = first; hour <= Math.floor(window.to / HOUR); hour++) {
        for (const plan of pulsesOfHour(seed, hour)) {
          if (plan.createdAt < since) continue
          const delivery = ticketDelivery(plan, window)
          if (delivery) deliveries.push(delivery)
        }
      }
      return deliveries
    },
  }
}

function pulsesOfHour(seed: number, hour: number): TicketPlan[] {
  return memoised(`pulse:${seed}:${hour}`, () => {
    const plans: TicketPlan[] = []
    for (let slot = hour * PER_HOUR; slot < (hour + 1) * PER_HOUR; slot++) {
      plans.push(pulse(seed, slot))
    }
    return plans
  })
}

function pulse(seed: number, slot: number): TicketPlan {
  const random = rngFor(seed, 'pulse', slot)
  const organisationId = weighted(random, ORGANISATION_WEIGHTS)
  const organisation = DEMO_ORGANISATIONS.find((candidate) => candidate.id === organisationId)!
  const createdAt = slot * PULSE_EVERY_MS + Math.floor(between(random, 0, PULSE_JITTER_MS))
  // People raise tickets while the office is open; the RMM raises alerts around the clock.
  if (!chance(random, TICKET_SHARE) || !isBusinessTime(organisation.calendar, createdAt)) {
    return alertPlan(`demo-ap-${slot}`, organisation, createdAt, random)
  }
  const priority = weighted(random, PRIORITY_MIX)
  const [summary, type] = pick(random, SERVICE_DESK_SUMMARIES[organisation.id] ?? [])
  return {
    externalId: `demo-tp-${slot}`,
    organisationId,
    company: organisation.company,
    board: 'Service Desk',
    priority,
    type,
    summary,
    assignee: pick(random, organisation.technicians),
    createdAt,
    ...answerTimes(organisation, priority, createdAt, random),
  }
}
