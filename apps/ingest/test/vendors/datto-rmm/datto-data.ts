// Builders of Datto RMM API v2 records as the API returns them (vendor-apis.md §5): the field
// names, epoch milliseconds for dates (what real answers carry, whatever the spec says), and
// .NET's DateTime.MinValue in ms for "never".

/** .NET `DateTime.MinValue` in epoch ms: Datto's "no date". */
export const DATTO_NEVER = -62_135_596_800_000
/** 2026-01-01T00:00:00Z in epoch ms. */
export const DATTO_EPOCH_MS = Date.UTC(2026, 0, 1)

export const DATTO_SITES = [
  { id: 1_201, uid: '7a1c0f52-33b4-4b8e-9d0e-0c7a1f3e5b11', name: 'Acme Dental - Main' },
  { id: 1_202, uid: 'c0d4b6e8-1a2f-4c3d-8e9f-2b4d6f8a0c22', name: 'Globex Logistics' },
  { id: 1_203, uid: 'e5f7a9b1-c3d5-4e6f-a7b8-c9d0e1f2a333', name: 'Initech (not watched)' },
] as const

type Json = Record<string, unknown>

/** A device of `GET /api/v2/account/devices`: `DT-WS-0001`-style, on site `i % 3`, fully patched. */
export function makeDattoDevice(i: number, overrides: Json = {}): Json {
  const site = DATTO_SITES[i % DATTO_SITES.length]!
  const server = i % 10 === 0
  const hostname = `DT-${server ? 'SRV' : 'WS'}-${String(i).padStart(4, '0')}`
  return {
    id: 880_000 + i,
    uid: `0f4e${String(i).padStart(4, '0')}-8b3c-4d2a-9e1f-6a5b4c3d2e1f`,
    siteId: site.id,
    siteUid: site.uid,
    siteName: site.name,
    deviceType: server
      ? { category: 'Server', type: 'Main System Chassis' }
      : { category: 'Desktop', type: 'Desktop' },
    hostname,
    intIpAddress: `10.0.${i % 250}.${10 + (i % 200)}`,
    extIpAddress: '203.0.113.7',
    operatingSystem: server
      ? 'Microsoft Windows Server 2022 Standard 10.0.20348'
      : 'Microsoft Windows 11 Pro 10.0.22631',
    domain: 'CORP',
    lastLoggedInUser: `CORP\\user${i}`,
    cagVersion: '4.4.2154.2154',
    displayVersion: '4.4.2154',
    description: '',
    a64Bit: true,
    rebootRequired: false,
    online: true,
    suspended: false,
    deleted: false,
    snmpEnabled: false,
    lastSeen: DATTO_EPOCH_MS + 9 * 3_600_000 + i,
    lastReboot: DATTO_EPOCH_MS - 3 * 86_400_000,
    lastAuditDate: DATTO_EPOCH_MS + 3 * 3_600_000 + i * 1_000,
    creationDate: DATTO_EPOCH_MS - 500 * 86_400_000,
    udf: { udf1: 'Managed', udf2: null, udf3: server ? 'Tier 1' : null },
    deviceClass: 'device',
    portalUrl: `https://merlot.centrastage.net/csm/search?qs=uid%3A${i}`,
    webRemoteUrl: `https://merlot.centrastage.net/csm/remote/rto/${880_000 + i}`,
    warrantyDate: '2028-06-30',
    antivirus: { antivirusProduct: 'Datto EDR', antivirusStatus: 'RunningAndUpToDate' },
    patchManagement: {
      patchStatus: 'FullyPatched',
      patchesApprovedPending: 0,
      patchesNotApproved: 2,
      patchesInstalled: 143 + (i % 20),
    },
    softwareStatus: 'Compliant',
    networkProbe: false,
    onboardedViaNetworkMonitor: false,
    ...overrides,
  }
}
