import { DeviceDirectory } from './device-directory.js'
import { NinjaOneClient } from './ninjaone-client.js'
import { ninjaOneSettings, resolveNinjaOneConfig } from './ninjaone-settings.js'
import { backupPages, devicePages, patchPages } from './ninjaone-streams.js'
import { receiveNinjaWebhook } from './ninjaone-webhook.js'
import type {
  Connector,
  ConnectorDeps,
  SyncOptions,
  SyncPage,
  VendorConnector,
} from '../connector.js'
import type { ScoreIntegration } from '../../score/score-types.js'
import type { JobContext } from './map-backup-job.js'
import type { StreamDeps } from './ninjaone-streams.js'

/** NinjaOne: its device roster, backup jobs and OS patch installs, and its activity webhook. */
export const ninjaOne: VendorConnector = {
  vendor: 'ninjaone',
  settings: ninjaOneSettings,
  create: createNinjaOneConnector,
}

export function createNinjaOneConnector(
  integration: ScoreIntegration,
  deps: ConnectorDeps,
): Connector {
  const config = resolveNinjaOneConfig(integration, deps.env)
  const log = deps.log.child({ vendor: 'ninjaone', integration: integration.id })
  const client = new NinjaOneClient(config, { log, http: deps.http })
  // Kept between syncs, so a webhook between them knows the devices of the last one.
  const directory = new DeviceDirectory((id) => client.device(id))
  const context: JobContext = {
    organisations: integration.organisations,
    device: (id) => directory.get(id),
  }
  const { webhook } = config

  async function* sync(options: SyncOptions): AsyncGenerator<SyncPage> {
    const streams: StreamDeps = { config, client, directory, context, options, log }
    const wanted = new Set(config.streams)
    if (wanted.has('devices')) {
      yield* devicePages(streams)
    } else {
      // Without the roster stream, its pages still map device ids to names for the others.
      for await (const _page of devicePages(streams)) options.signal?.throwIfAborted()
    }
    if (wanted.has('backups')) yield* backupPages(streams)
    if (wanted.has('patches')) yield* patchPages(streams)
  }

  return {
    vendor: 'ninjaone',
    integrationId: integration.id,
    get stats() {
      return client.stats
    },
    sync,
    ...(webhook && {
      webhook: (delivery) => receiveNinjaWebhook({ delivery, webhook, directory, context }),
    }),
  }
}
