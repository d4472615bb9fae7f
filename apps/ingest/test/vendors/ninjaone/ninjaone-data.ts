// Builders of NinjaOne API records as the Public API v2 returns them (vendor-apis.md §4): the
// field names, epoch seconds as doubles, ids as ints and uuids. Deterministic in `i`, so a test
// or a benchmark server can make 200,000 of them and know what each one is.

const DAY_S = 86_400
/** 2026-01-01T00:00:00Z in epoch seconds: the default first night of generated history. */
export const NINJA_EPOCH_S = Date.UTC(2026, 0, 1) / 1000
/** Devices and organisations the default builders spread records over. */
export const NINJA_DEVICES = 1_000
export const NINJA_ORGANIZATIONS = 10

type Json = Record<string, unknown>

/** A uuid that encodes a kind and a number, so ids never collide across builders. */
export function ninjaUuid(kind: number, i: number): string {
  const hex = i.toString(16).padStart(12, '0')
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`
}

/** The organisation the default scheme puts a device in (ids from 1). */
export function ninjaOrganizationOf(deviceId: number): number {
  return 1 + ((deviceId - 1) % NINJA_ORGANIZATIONS)
}

/** A device of `GET /v2/devices`: id `i`, named `NJ-WS-0001`-style, approved and online. */
export function makeNinjaDevice(i: number, overrides: Json = {}): Json {
  const name = `NJ-${i % 10 === 0 ? 'SRV' : 'WS'}-${String(i).padStart(4, '0')}`
  return {
    id: i,
    uid: ninjaUuid(1, i),
    organizationId: ninjaOrganizationOf(i),
    locationId: 100 + ninjaOrganizationOf(i),
    nodeClass: i % 10 === 0 ? 'WINDOWS_SERVER' : 'WINDOWS_WORKSTATION',
    nodeRoleId: i % 10 === 0 ? 2 : 1,
    rolePolicyId: 7,
    policyId: 12,
    approvalStatus: 'APPROVED',
    offline: false,
    displayName: name.toLowerCase(),
    systemName: name,
    dnsName: `${name.toLowerCase()}.corp.example`,
    netbiosName: name,
    created: NINJA_EPOCH_S - 400 * DAY_S + i + 0.512,
    lastContact: NINJA_EPOCH_S + 30 * DAY_S + 0.25,
    lastUpdate: NINJA_EPOCH_S + 30 * DAY_S + 3.75,
    ...overrides,
  }
}

/**
 * A `BackupJob` of `GET /v2/backup/jobs`. By default job `i` is night `floor(i / 1000)` of
 * device `1 + i % 1000`: an image backup starting between 01:00 and 02:00 UTC that completes
 * 20–50 minutes later; every 97th fails. Override any field, e.g. `{ jobStatus: 'RUNNING' }`.
 */
export function makeNinjaBackupJob(i: number, overrides: Json = {}): Json {
  const deviceId = 1 + (i % NINJA_DEVICES)
  const night = Math.floor(i / NINJA_DEVICES)
  const start = NINJA_EPOCH_S + night * DAY_S + 3_600 + (deviceId % 60) * 60 + 0.417
  const failed = i % 97 === 96
  const end = start + (20 + (i % 31)) * 60 + 0.083
  return {
    jobId: ninjaUuid(2, i),
    jobStartTime: start,
    jobEndTime: end,
    jobStatus: failed ? 'FAILED' : 'COMPLETED',
    destination: i % 3 === 0 ? 'LOCAL_AND_CLOUD' : 'CLOUD',
    sourceJobId: ninjaUuid(3, i),
    planGuid: ninjaUuid(4, deviceId),
    planName: deviceId % 10 === 0 ? 'Server nightly image' : 'Workstation documents',
    planType: deviceId % 10 === 0 ? 'IMAGE' : 'FILE_FOLDER',
    totalActualStorageBytes: 52_428_800 + i * 1_024,
    totalStoredBytes: 48_234_496 + i * 512,
    filesUploaded: failed ? 0 : 1_200 + (i % 400),
    organizationId: ninjaOrganizationOf(deviceId),
    locationId: 100 + ninjaOrganizationOf(deviceId),
    deviceId,
    upsyncJob: {
      startTime: end + 5.5,
      endTime: end + 65.25,
      status: failed ? 'FAILED' : 'COMPLETED',
      filesUploaded: failed ? 0 : 1_200 + (i % 400),
      bytesUploaded: failed ? 0 : 10_485_760 + i,
    },
    ...overrides,
  }
}

/** A `DeviceOSPatch` of `GET /v2/queries/os-patch-installs`: installed on night `floor(i/1000)`. */
export function makeNinjaPatchInstall(i: number, overrides: Json = {}): Json {
  const deviceId = 1 + (i % NINJA_DEVICES)
  const installedAt = NINJA_EPOCH_S + Math.floor(i / NINJA_DEVICES) * DAY_S + 10_800 + 0.5
  return {
    id: ninjaUuid(5, i),
    name: '2026-01 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5050009)',
    severity: 'CRITICAL',
    status: 'INSTALLED',
    type: 'SECURITY_UPDATES',
    installedAt,
    deviceId,
    timestamp: installedAt + 1_800.25,
    kbNumber: 'KB5050009',
    ...overrides,
  }
}

/** A webhook `Activity`: a successful backup of device 1, unless overridden. */
export function makeNinjaActivity(id: number, overrides: Json = {}): Json {
  return {
    id,
    activityTime: NINJA_EPOCH_S + 2 * 3_600 + 0.75,
    deviceId: 1,
    severity: 'NONE',
    priority: 'NONE',
    seriesUid: ninjaUuid(6, id),
    activityType: 'NINJA_BACKUP',
    statusCode: 'NINJA_BACKUP_JOB_COMPLETED',
    status: 'Backup job completed',
    activityResult: 'SUCCESS',
    sourceName: 'NinjaOne Backup',
    subject: 'Backup job completed',
    message: 'Backup job "Server nightly image" completed',
    type: 'ACTION',
    data: {
      message: { code: 'NINJA_BACKUP_JOB_COMPLETED', params: { planName: 'Server nightly image' } },
    },
    ...overrides,
  }
}
