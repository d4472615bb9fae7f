import { DattoRmmClient } from './datto-client.js'
import { dattoRmmSettings, resolveDattoRmmConfig } from './datto-settings.js'
import { mapDattoDevice } from './map-device.js'
import type {
  Connector,
  ConnectorDeps,
  SyncOptions,
  SyncPage,
  VendorConnector,
} from '../connector.js'
import type { ScoreIntegration } from '../../score/score-types.js'

/**
 * Datto RMM: its device list, as the roster and as a daily patch-status observation per device.
 * No `webhook`: the public API v2 has no webhook subscription, and the webhooks Datto can send
 * from monitor alert responses carry a body each policy writes freely, without any signature
 * to verify, so they could not be told from anyone else's calls.
 */
export const dattoRmm: VendorConnector = {
  vendor: 'datto-rmm',
  settings: dattoRmmSettings,
  create: createDattoRmmConnector,
}

export function createDattoRmmConnector(
  integration: ScoreIntegration,
  deps: ConnectorDeps,
): Connector {
  const config = resolveDattoRmmConfig(integration, deps.env)
  const log = deps.log.child({ vendor: 'datto-rmm', integration: integration.id })
  const client = new DattoRmmClient(config, { log, http: deps.http })

  /**
   * `devices`: the whole account every sync (the device list has no change filter). No cursor:
   * a sync that fails half-way simply reads everything again next time.
   */
  async function* sync(options: SyncOptions): AsyncGenerator<SyncPage> {
    const context = { organisations: integration.organisations, now: options.now }
    let done = 0
    for await (const { devices, totalCount } of client.devices(options.signal)) {
      const page: SyncPage = { stream: 'devices', records: [], quarantined: [] }
      for (const raw of devices) {
        const { player, patch, quarantined } = mapDattoDevice(raw, context)
        if (player) page.records.push(player)
        if (patch) page.records.push(patch)
        if (quarantined) page.quarantined.push(quarantined)
      }
      done += devices.length
      yield { ...page, progress: { done, ...(totalCount !== undefined && { total: totalCount }) } }
    }
  }

  return {
    vendor: 'datto-rmm',
    integrationId: integration.id,
    get stats() {
      return client.stats
    },
    sync,
  }
}
