import { looseTime, ticketPage } from '../tickets/ticket-outcome.js'
import { Watermark, cursorTime, streamStart } from '../tickets/watermark.js'
import { createHaloClient } from './halopsa-client.js'
import { haloSettings, resolveHaloConfig } from './halopsa-settings.js'
import { carriesSecret, webhookTickets } from './halopsa-webhook.js'
import { haloUpdatedAt, mapHaloTicket } from './map-ticket.js'
import type {
  Connector,
  ConnectorDeps,
  SyncOptions,
  SyncPage,
  VendorConnector,
  WebhookDelivery,
  WebhookResult,
} from '../connector.js'
import type { ScoreIntegration } from '../../score/score-types.js'
import type { HaloLabels } from './halopsa-labels.js'

const STREAM = 'tickets'
/** Webhooks between syncs reuse the labels the last sync read, for this long at most. */
const LABELS_TTL_MS = 60 * 60_000

/** HaloPSA: tickets by polling, and webhooks authenticated by a shared-secret header. */
export const haloPsa: VendorConnector = {
  vendor: 'halopsa',
  settings: haloSettings,
  create: createHaloConnector,
}

export function createHaloConnector(integration: ScoreIntegration, deps: ConnectorDeps): Connector {
  const config = resolveHaloConfig(integration, deps.env)
  const log = deps.log.child({ integration: integration.id, vendor: 'halopsa' })
  const client = createHaloClient(config, { log, http: deps.http })
  let labels: { value: HaloLabels; at: number } | undefined

  const freshLabels = async (): Promise<HaloLabels> => {
    labels = { value: await client.labels(), at: Date.now() }
    return labels.value
  }
  const mapWith = (current: HaloLabels) => (raw: unknown) =>
    mapHaloTicket(raw, { organisations: config.organisations, labels: current, zone: config.zone })

  async function* sync(options: SyncOptions): AsyncGenerator<SyncPage> {
    const cursor = options.cursors.get(STREAM)
    const from = streamStart({ cursor, since: options.since, overlapMs: config.overlapMs })
    const watermark = new Watermark(cursorTime(cursor), options.now)
    const map = mapWith(await freshLabels())
    let warned = false
    for await (const page of client.ticketPages(from, options.signal)) {
      const outcomes = page.tickets.map((raw) => {
        watermark.see(looseTime(haloUpdatedAt(raw), config.zone))
        return map(raw)
      })
      if (!watermark.ordered && !warned) {
        warned = true
        log.warn(
          `halopsa: tickets are not in update order by '${config.order}'; the cursor waits for the end`,
        )
      }
      const progress = { done: page.done, total: page.total }
      const next = watermark.cursor(page.last)
      yield ticketPage(outcomes, next === undefined ? { progress } : { cursor: next, progress })
    }
  }

  async function webhook(delivery: WebhookDelivery): Promise<WebhookResult> {
    if (!carriesSecret(delivery.headers.get(config.webhookHeader), config.webhookSecret!)) {
      return { accepted: false, status: 401, reason: `${config.webhookHeader} does not match` }
    }
    const found = webhookTickets(delivery.body)
    if (!found.ok) return { accepted: false, status: 400, reason: found.reason }
    const fetched = await Promise.all(found.ids.map((id) => client.ticket(id)))
    const current =
      labels && Date.now() - labels.at < LABELS_TTL_MS ? labels.value : await freshLabels()
    const map = mapWith(current)
    return { accepted: true, pages: [ticketPage([...found.tickets, ...fetched].map(map))] }
  }

  const connector: Connector = {
    vendor: 'halopsa',
    integrationId: integration.id,
    stats: client.stats,
    sync,
  }
  // Without a registered secret there is nothing to check a webhook against: none are taken.
  return config.webhookSecret === undefined ? connector : { ...connector, webhook }
}
