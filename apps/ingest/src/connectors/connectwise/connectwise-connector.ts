import { parseElement } from '../http/json-array-elements.js'
import { VendorHttpError } from '../http/vendor-http.js'
import { naturalKeyOf } from '../tickets/quarantine.js'
import { looseTime, quarantineTicket, ticketPage } from '../tickets/ticket-outcome.js'
import { Watermark, cursorTime, streamStart } from '../tickets/watermark.js'
import { SigningKeys, parseCallback, signingKeyOrigins } from './connectwise-callback.js'
import { createConnectWiseClient } from './connectwise-client.js'
import { connectWiseSettings, resolveConnectWiseConfig } from './connectwise-settings.js'
import { mapConnectWiseTicket } from './map-ticket.js'
import type {
  Connector,
  ConnectorDeps,
  SyncOptions,
  SyncPage,
  VendorConnector,
  WebhookDelivery,
  WebhookResult,
} from '../connector.js'
import type { RawJson } from '../../records/raw-json.js'
import type { TicketOutcome } from '../tickets/ticket-outcome.js'
import type { ScoreIntegration } from '../../score/score-types.js'
import type { CallbackPayload } from './connectwise-api.js'

const STREAM = 'tickets'

/** ConnectWise PSA (Manage): service tickets by polling, and ticket callbacks. */
export const connectWise: VendorConnector = {
  vendor: 'connectwise',
  settings: connectWiseSettings,
  create: createConnectWiseConnector,
}

export function createConnectWiseConnector(
  integration: ScoreIntegration,
  deps: ConnectorDeps,
): Connector {
  const config = resolveConnectWiseConfig(integration, deps.env)
  const log = deps.log.child({ integration: integration.id, vendor: 'connectwise' })
  const client = createConnectWiseClient(config, { log, http: deps.http })
  const keyOrigins = signingKeyOrigins(config)
  const keys = new SigningKeys((url) => client.signingKey(url))
  const map = (value: unknown, raw?: RawJson) =>
    mapConnectWiseTicket(value, config.organisations, raw)

  async function* sync(options: SyncOptions): AsyncGenerator<SyncPage> {
    const cursor = options.cursors.get(STREAM)
    const from = streamStart({ cursor, since: options.since, overlapMs: config.overlapMs })
    const watermark = new Watermark(cursorTime(cursor), options.now)
    const total = await client.countTickets(from, options.signal)
    let done = 0
    let warned = false
    for await (const page of client.ticketPages(from, options.signal)) {
      const outcomes = page.tickets.map((text): TicketOutcome => {
        const parsed = parseElement(text)
        // Not JSON, so not storable as such: quarantine keeps the text as a JSON string.
        if (!parsed.ok) {
          return quarantineTicket(naturalKeyOf(undefined, text.text), parsed.reason, text.text)
        }
        watermark.see(looseTime(lastUpdatedOf(parsed.value)))
        return map(parsed.value, text)
      })
      done += page.tickets.length
      if (!watermark.ordered && !warned) {
        warned = true
        log.warn('connectwise: tickets came out of lastUpdated order; the cursor waits for the end')
      }
      const progress = total === undefined ? { done } : { done, total: Math.max(total, done) }
      const next = watermark.cursor(page.last)
      yield ticketPage(outcomes, next === undefined ? { progress } : { cursor: next, progress })
    }
  }

  async function webhook(delivery: WebhookDelivery): Promise<WebhookResult> {
    const signature = delivery.headers.get('x-content-signature')?.trim()
    if (!signature) return { accepted: false, status: 401, reason: 'no x-content-signature' }
    const parsed = parseCallback(delivery.body, keyOrigins)
    if (!parsed.ok) return { accepted: false, status: parsed.status, reason: parsed.reason }
    const { payload } = parsed
    let verified: boolean
    try {
      verified = await keys.verify(payload.Metadata.key_url, delivery.body, signature)
    } catch (error) {
      // ConnectWise refusing the key URL means the callback names no key it issued. A 5xx or a
      // network fault is thrown on: the callback fails and ConnectWise delivers it again.
      const status = error instanceof VendorHttpError ? error.status : undefined
      if (status === undefined || status >= 500) throw error
      return { accepted: false, status: 401, reason: `the signing key was refused (${status})` }
    }
    if (!verified) {
      return { accepted: false, status: 401, reason: 'x-content-signature does not match' }
    }
    if (payload.Type.toLowerCase() !== 'ticket') return { accepted: true, pages: [] }
    // Deletes are not visible to polling either; the stored ticket stays as it last was.
    if (payload.Action.toLowerCase() === 'deleted') return { accepted: true, pages: [] }
    const entity = await entityOf(payload)
    if (entity === undefined) {
      return { accepted: false, status: 400, reason: 'Entity is not JSON and there is no ID' }
    }
    return { accepted: true, pages: [ticketPage([map(entity)])] }
  }

  /** The ticket the callback carries, or, when it carries none, the ticket fetched by its ID. */
  async function entityOf(payload: CallbackPayload): Promise<unknown> {
    if (payload.Entity) {
      try {
        return JSON.parse(payload.Entity) as unknown
      } catch {
        return undefined
      }
    }
    const id = String(payload.ID ?? '')
    return /^\d+$/.test(id) ? client.ticket(id) : undefined
  }

  return {
    vendor: 'connectwise',
    integrationId: integration.id,
    stats: client.stats,
    sync,
    webhook,
  }
}

function lastUpdatedOf(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return undefined
  const info = (raw as { _info?: unknown })._info
  return typeof info === 'object' && info !== null
    ? (info as { lastUpdated?: unknown }).lastUpdated
    : undefined
}
