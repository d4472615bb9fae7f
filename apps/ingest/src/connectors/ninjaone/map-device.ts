import { organisationFor } from '../tickets/organisation-key.js'
import { ninjaDevice } from './ninjaone-api.js'
import { SKIPPED, quarantineInvalid, rawObject } from './outcome.js'
import type { PlayerRecord } from '../../records/types.js'
import type { NinjaDevice } from './ninjaone-api.js'
import type { Outcome } from './outcome.js'

/** What the backup and patch streams need to know of a device: its player key and owner. */
export interface DeviceEntry {
  id: number
  key: string
  organizationId: number | null
}

/**
 * A device's player key: its `systemName` (the machine's own host name, which an RMM-agnostic
 * person recognises and which Datto's `hostname` matches), else the editable `displayName`, else
 * the DNS name, else its id. Backup and patch records use the same key, so the device is the
 * player of the ensemble rhythms.
 */
export function deviceKey(device: NinjaDevice): string {
  const named = [device.systemName, device.displayName, device.dnsName]
    .map((name) => name?.trim())
    .find((name) => name)
  return named ?? `ninja-device-${device.id}`
}

export function deviceEntry(device: NinjaDevice): DeviceEntry {
  return { id: device.id, key: deviceKey(device), organizationId: device.organizationId ?? null }
}

/**
 * A device of `GET /v2/devices` as a player. It is on the roster (active) when approved and not
 * deleted; a device of an organisation the integration does not map is left out.
 */
export function mapDevice(
  raw: unknown,
  organisations: Readonly<Record<string, string>>,
): { entry?: DeviceEntry; outcome: Outcome<PlayerRecord> } {
  const parsed = ninjaDevice.safeParse(raw)
  if (!parsed.success) return { outcome: quarantineInvalid('player', 'id', raw, parsed.error) }
  const device = parsed.data
  const entry = deviceEntry(device)
  const organisationId = organisationFor(organisations, [device.organizationId])
  if (organisationId === undefined) return { entry, outcome: SKIPPED }
  // The list shows pending and rejected devices too; one without a status predates approvals.
  const approved = (device.approvalStatus ?? 'APPROVED').toUpperCase() === 'APPROVED'
  return {
    entry,
    outcome: {
      kind: 'record',
      record: {
        kind: 'player',
        organisationId,
        playerKind: 'device',
        key: entry.key,
        active: approved && device.deleted !== true,
        raw: rawObject(raw),
      },
    },
  }
}
