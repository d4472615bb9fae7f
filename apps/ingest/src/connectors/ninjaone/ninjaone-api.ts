import { z } from 'zod'

// NinjaOne Public API v2 payloads as they come back (vendor-apis.md §4). Each schema declares
// only the fields we use; anything else passes through into `raw` untouched.

const id = z.int().nonnegative()
// Epoch seconds as doubles in the spec; read later by `parseVendorTime`, which takes any form.
const time = z.union([z.number(), z.string()]).nullish()

/** `POST /ws/oauth/token`. */
export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
})

/** An item of `GET /v2/devices` (a bare array, keyset-paged by `after`). */
export const ninjaDevice = z.looseObject({
  id,
  organizationId: id.nullish(),
  systemName: z.string().nullish(),
  displayName: z.string().nullish(),
  dnsName: z.string().nullish(),
  approvalStatus: z.string().nullish(),
  deleted: z.boolean().nullish(),
})
export type NinjaDevice = z.infer<typeof ninjaDevice>

/** The envelope of the query endpoints: `{ cursor: { name, offset, count, expires }, results }`. */
export const queryReport = z.looseObject({
  cursor: z
    .looseObject({
      name: z.string().nullish(),
      offset: z.number().nullish(),
      count: z.number().nullish(),
    })
    .nullish(),
  // Records are checked one by one, so one bad record is quarantined and the page goes on.
  results: z.array(z.unknown()),
})

/** A `BackupJob` of `GET /v2/backup/jobs`. */
export const ninjaBackupJob = z.looseObject({
  jobId: z.string().min(1),
  jobStatus: z.string().nullish(),
  jobStartTime: time,
  jobEndTime: time,
  deviceId: id,
  organizationId: id.nullish(),
  upsyncJob: z.looseObject({ status: z.string().nullish() }).nullish(),
})
export type NinjaBackupJob = z.infer<typeof ninjaBackupJob>

/** A `DeviceOSPatch` of `GET /v2/queries/os-patch-installs`: one install attempt. */
export const ninjaPatchInstall = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  deviceId: id,
  status: z.string().nullish(),
  installedAt: time,
})
export type NinjaPatchInstall = z.infer<typeof ninjaPatchInstall>

/** A webhook `Activity`. */
export const ninjaActivity = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  activityTime: time,
  deviceId: id.nullish(),
  activityType: z.string(),
  activityResult: z.string().nullish(),
  statusCode: z.string().nullish(),
})
export type NinjaActivity = z.infer<typeof ninjaActivity>
