import { z } from 'zod'

// Payloads as ConnectWise PSA sends them, declaring only the fields we use. ConnectWise omits
// null fields rather than sending null, so everything but the id may be absent; a field of an
// unexpected type reads as absent (`.catch`) instead of failing the whole ticket. A ticket's
// schema strips what it does not declare: the record keeps the vendor's object as `raw`, and
// copying its eighty-odd other fields for every ticket of a large sync was wasted work.

const label = z.string().nullish().catch(null)
const reference = z.object({ name: label }).nullish().catch(null)

/** A service ticket as `GET /service/tickets` returns it (a bare JSON array of these). */
export const connectWiseTicket = z.object({
  id: z.unknown().optional(),
  summary: label,
  board: reference,
  status: reference,
  type: reference,
  priority: reference,
  company: z
    .looseObject({
      id: z.union([z.number(), z.string()]).nullish().catch(null),
      identifier: label,
    })
    .nullish()
    .catch(null),
  owner: z.object({ identifier: label }).nullish().catch(null),
  /** Comma-separated member identifiers. */
  resources: label,
  closedFlag: z.boolean().nullish().catch(null),
  closedDate: z.unknown().optional(),
  dateResponded: z.unknown().optional(),
  dateResolved: z.unknown().optional(),
  /** `dateEntered` (created) and `lastUpdated` live only here. */
  _info: z
    .looseObject({ dateEntered: z.unknown().optional(), lastUpdated: z.unknown().optional() })
    .nullish()
    .catch(null),
})

export type ConnectWiseTicket = z.infer<typeof connectWiseTicket>

export const ticketId = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+$/, 'expected a numeric id'),
])

/** `GET https://{host}/login/companyinfo/{companyId}` (no credentials needed). */
export const companyInfo = z.looseObject({
  Codebase: z.string().regex(/^\/?[\w.-]+\/?$/, 'expected a codebase like v4_6_release/'),
})

/** `GET /service/tickets/count` */
export const ticketCount = z.looseObject({ count: z.number().int().nonnegative() })

/**
 * A callback (webhook) delivery. `Entity` is the full object as a JSON string; `Metadata.key_url`
 * is where the signing key of `x-content-signature` is fetched.
 */
export const callbackPayload = z.looseObject({
  Action: z.string(),
  Type: z.string(),
  ID: z.union([z.number(), z.string()]).nullish(),
  Entity: z.string().nullish(),
  Metadata: z.looseObject({ key_url: z.string().min(1) }),
})

export type CallbackPayload = z.infer<typeof callbackPayload>

/** `GET {Metadata.key_url}` */
export const signingKeyAnswer = z.looseObject({ signing_key: z.string().min(1) })
