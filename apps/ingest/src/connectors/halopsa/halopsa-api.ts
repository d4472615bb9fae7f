import { z } from 'zod'

// Payloads as HaloPSA sends them, declaring only the fields we use. A field of an unexpected
// type reads as absent (`.catch`) rather than failing the ticket; the id and creation time are
// checked by the mapper, which names them in the quarantine reason.

const label = z.string().nullish().catch(null)
/** Halo's ids are ints; some payloads write them as numeric strings. */
const intId = z
  .union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish()
  .catch(null)

/** A ticket as `GET /api/Tickets` lists it (Halo calls them "Faults" inside). */
export const haloTicket = z.looseObject({
  id: z.unknown().optional(),
  summary: label,
  status_id: intId,
  priority_id: intId,
  tickettype_id: intId,
  /** On detailed GETs and some webhooks the priority comes as an object with its name. */
  priority: z.looseObject({ name: label }).nullish().catch(null),
  client_id: intId,
  client_name: label,
  /** The team's name: the closest Halo has to a board. */
  team: label,
  /** 1 is Halo's "Unassigned" agent. */
  agent_id: intId,
  dateoccurred: z.unknown().optional(),
  datecreated: z.unknown().optional(),
  responsedate: z.unknown().optional(),
  /** `1900-01-01T00:00:00` while open. */
  dateclosed: z.unknown().optional(),
  hasbeenclosed: z.boolean().nullish().catch(null),
  /** GET lists write `lastupdate`, POST answers `last_update`; `lastactiondate` is always there. */
  lastupdate: z.unknown().optional(),
  last_update: z.unknown().optional(),
  lastactiondate: z.unknown().optional(),
})

export type HaloTicket = z.infer<typeof haloTicket>

export const haloTicketId = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+$/, 'expected a numeric id'),
])

/** `GET /api/Tickets?pageinate=true&page_size=N&page_no=K` */
export const ticketsPage = z.looseObject({
  page_no: z.number().optional(),
  page_size: z.number().optional(),
  record_count: z.number().int().nonnegative(),
  tickets: z.array(z.unknown()),
})

/** `POST {auth}/token` (client credentials) */
export const tokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
})

/** An entry of `/api/Status`, `/api/Priority` (keyed by `priorityid`) or `/api/TicketType`. */
export const lookupEntry = z.looseObject({
  id: z.number().int().optional(),
  priorityid: z.number().int().optional(),
  name: z.string(),
})

/** A webhook delivery: the ticket itself, or at least its id. */
export const webhookEvent = z.looseObject({
  ticket: z.looseObject({}).optional(),
  ticket_id: z.union([z.number(), z.string()]).optional(),
})
