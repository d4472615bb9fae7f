import { z } from 'zod'

// Datto RMM API v2 payloads as they come back (vendor-apis.md §5). Each schema declares only
// the fields we use; anything else passes through into `raw` untouched.

// The spec says date-time strings; real answers carry epoch ms (or seconds, or ISO), and
// .NET's DateTime.MinValue for none. `parseVendorTime` reads them all.
const time = z.union([z.number(), z.string()]).nullish()

/** `POST /auth/oauth/token`. */
export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
})

/** `GET /api/v2/account/devices`: `{ pageDetails, devices }`. */
export const devicesPage = z.looseObject({
  pageDetails: z
    .looseObject({
      count: z.number().nullish(),
      totalCount: z.number().nullish(),
      nextPageUrl: z.string().nullish(),
    })
    .nullish(),
  // Devices are checked one by one, so one bad device is quarantined and the page goes on.
  devices: z.array(z.unknown()),
})

/** A `Device`. */
export const dattoDevice = z.looseObject({
  uid: z.string().min(1),
  hostname: z.string().trim().min(1),
  siteUid: z.string().nullish(),
  siteId: z.number().nullish(),
  siteName: z.string().nullish(),
  deleted: z.boolean().nullish(),
  suspended: z.boolean().nullish(),
  lastSeen: time,
  lastAuditDate: time,
  patchManagement: z.looseObject({ patchStatus: z.string().nullish() }).nullish(),
})
export type DattoDevice = z.infer<typeof dattoDevice>
