import { z } from 'zod'

// Autotask REST payloads as they come back (camelCase on the wire; vendor-apis.md §2). Each
// schema declares only the fields we use and lets the rest through: the raw record is kept whole.

/** `GET zoneInformation?user=…`: where a tenant's API lives. */
export const zoneInformation = z.looseObject({
  url: z.string().min(1),
  zoneName: z.string().nullish(),
})

// Picklist values come as text ("1") in the real responses; accept numbers too.
const picklistKey = z.union([z.string(), z.number()]).transform(String)

/** `GET Tickets/entityInformation/fields`: the tenant's own labels of every picklist field. */
export const entityFields = z.looseObject({
  fields: z.array(
    z.looseObject({
      name: z.string(),
      isPickList: z.boolean().nullish(),
      picklistValues: z
        .array(z.looseObject({ value: picklistKey, label: z.string().nullish() }))
        .nullish(),
    }),
  ),
})
export type EntityFields = z.infer<typeof entityFields>

/** One page of `POST Tickets/query`; the items are checked one by one, so a bad one is set aside. */
export const queryPage = z.looseObject({
  items: z.array(z.unknown()),
  pageDetails: z
    .looseObject({
      count: z.number().nullish(),
      nextPageUrl: z.string().nullish(),
    })
    .nullish(),
})

/** `POST Tickets/query/count`. */
export const queryCount = z.looseObject({ queryCount: z.number().int().nonnegative() })

/** `GET Tickets/{id}`: `item` is null when the ticket is gone. */
export const singleTicket = z.looseObject({ item: z.unknown().nullish() })

const picklistValue = z.union([z.number(), z.string()]).nullish()
const id = z.number().int().positive()
const optionalId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).nullish()

/** A ticket: times stay unknown here and go through `parseVendorTime` in the mapper. */
export const autotaskTicket = z.looseObject({
  id,
  companyID: optionalId,
  title: z.string().nullish(),
  status: picklistValue,
  priority: picklistValue,
  queueID: picklistValue,
  issueType: picklistValue,
  ticketType: picklistValue,
  assignedResourceID: optionalId,
  createDate: z.unknown().optional(),
  firstResponseDateTime: z.unknown().optional(),
  resolvedDateTime: z.unknown().optional(),
  completedDate: z.unknown().optional(),
  lastActivityDate: z.unknown().optional(),
})
export type AutotaskTicket = z.infer<typeof autotaskTicket>

/** A webhook delivery. Beyond these keys the payload is [UNSURE] (vendor-apis.md §2). */
export const webhookPayload = z.looseObject({
  Action: z.string(),
  EntityType: z.string(),
  Id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
})
