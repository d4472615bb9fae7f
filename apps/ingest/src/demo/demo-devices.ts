import { DEMO_ORGANISATIONS } from './demo-cast.js'
import type { Delivery } from './demo-types.js'

const OPERATING_SYSTEMS = {
  server: 'Windows Server 2022',
  workstation: 'Windows 11 Pro',
  laptop: 'Windows 11 Pro',
} as const

/**
 * Each live RMM's device list: the rosters of the backup and patch ensembles. FS02 stays on it,
 * which is how its silence shows as missed. The legacy RMM lists nothing: its rhythms are solo,
 * so its server never joins the roster of Harlow's live rhythms.
 */
export function deviceRoster(at: number): Delivery[] {
  return DEMO_ORGANISATIONS.flatMap((organisation) =>
    organisation.devices.map((device) => ({
      integrationId: organisation.rmm,
      at,
      record: {
        kind: 'player' as const,
        organisationId: organisation.id,
        playerKind: 'device' as const,
        key: device.key,
        active: true,
        raw: {
          demo: true,
          name: device.key,
          role: device.role,
          os: OPERATING_SYSTEMS[device.role],
        },
      },
    })),
  )
}
