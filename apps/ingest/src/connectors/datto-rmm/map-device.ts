import { organisationFor } from '../tickets/organisation-key.js'
import { VendorTimeError } from '../vendor-time.js'
import { quarantine, quarantineInvalid, rawObject, readTime } from '../ninjaone/outcome.js'
import { dattoDevice } from './datto-api.js'
import type { PatchRunRecord, PlayerRecord, QuarantinedRecord } from '../../records/types.js'
import type { DattoDevice } from './datto-api.js'

/** What one Datto device gives: its player, a patch-status observation, or a quarantine. */
export interface MappedDevice {
  player?: PlayerRecord
  patch?: PatchRunRecord
  quarantined?: QuarantinedRecord
}

/**
 * Datto reports a patch summary per device, not installs: FullyPatched is a beat of the
 * fully-patched rhythm, InstallError a failed one. RebootRequired, ApprovedPending, NoPolicy and
 * NoData are no beat either way (NoPolicy and NoData are not failures): the device's status is
 * still kept in the player's raw record.
 */
const OBSERVED: Readonly<Record<string, PatchRunRecord['result']>> = {
  fullypatched: 'success',
  installerror: 'failure',
}

/**
 * A device as a player keyed by its hostname (in the organisation its site maps to; an
 * unmapped site is left out) and, when its patch status says something, one observation a day.
 *
 * The observation is dated at the device's last audit (else when it was last seen, else the
 * sync's `now`), never later than now: a device that went quiet keeps its old date, so it does
 * not look freshly patched every day. Its id is the device and that date's UTC day, so re-syncs
 * on a day update one record instead of adding one, and the latest status of the day wins.
 */
export function mapDattoDevice(
  raw: unknown,
  context: { organisations: Readonly<Record<string, string>>; now: number },
): MappedDevice {
  const parsed = dattoDevice.safeParse(raw)
  if (!parsed.success)
    return { quarantined: quarantineInvalid('player', 'uid', raw, parsed.error).quarantined }
  const device = parsed.data
  const organisationId = organisationFor(context.organisations, [
    device.siteUid,
    device.siteId,
    device.siteName,
  ])
  if (organisationId === undefined) return {}
  const active = device.deleted !== true && device.suspended !== true
  const player: PlayerRecord = {
    kind: 'player',
    organisationId,
    playerKind: 'device',
    key: device.hostname,
    active,
    raw: rawObject(raw),
  }
  const result = OBSERVED[device.patchManagement?.patchStatus?.toLowerCase() ?? '']
  // A deleted or suspended device is off the roster: its status is no beat of anyone's.
  if (result === undefined || !active) return { player }
  try {
    const at = observedAt(device, context.now)
    return {
      player,
      patch: {
        kind: 'patch-run',
        externalId: `${device.uid}:patch-status:${new Date(at).toISOString().slice(0, 10)}`,
        organisationId,
        device: device.hostname,
        activity: 'fully-patched',
        at,
        result,
        raw: rawObject(raw),
      },
    }
  } catch (error) {
    if (!(error instanceof VendorTimeError)) throw error
    return {
      player,
      quarantined: quarantine('patch-run', device.uid, raw, error.message).quarantined,
    }
  }
}

function observedAt(device: DattoDevice, now: number): number {
  const at =
    readTime(device.lastAuditDate, 'lastAuditDate') ?? readTime(device.lastSeen, 'lastSeen') ?? now
  return Math.min(at, now)
}
