import { ticketPage } from '../tickets/ticket-outcome.js'
import { createAutotaskClient } from './autotask-client.js'
import { autotaskSettings, resolveAutotaskConfig } from './autotask-settings.js'
import { readWebhook } from './autotask-webhook.js'
import { mapAutotaskTicket } from './map-ticket.js'
import { TicketPass } from './ticket-pass.js'
import type { Connector, VendorConnector } from '../connector.js'
import type { Picklists } from './picklists.js'

const TICKETS = 'tickets'
// Webhooks between syncs reuse the last picklists read for this long before reading them again.
const PICKLIST_REUSE_MS = 60 * 60_000

/** Autotask PSA: tickets by `lastActivityDate`, and ticket webhooks. */
export const autotask: VendorConnector = {
  vendor: 'autotask',
  settings: autotaskSettings,
  create(integration, deps) {
    const config = resolveAutotaskConfig(integration, deps.env)
    const client = createAutotaskClient({ config, policy: deps.http, log: deps.log })
    const log = deps.log.child({ integration: integration.id, vendor: 'autotask' })
    let picklists: { lists: Promise<Picklists>; at: number } | undefined

    // A sync reads the tenant's labels afresh; a webhook reuses recent ones. Callers at the same
    // moment share one request.
    const loadPicklists = ({ maxAgeMs, signal }: { maxAgeMs: number; signal?: AbortSignal }) => {
      const now = Date.now()
      if (!picklists || now - picklists.at > maxAgeMs) {
        const lists = client.ticketPicklists(signal)
        picklists = { lists, at: now }
        lists.catch(() => {
          if (picklists?.lists === lists) picklists = undefined
        })
      }
      return picklists.lists
    }
    const toPage = (items: readonly unknown[], lists: Picklists) =>
      ticketPage(
        items.map((item) =>
          mapAutotaskTicket(item, { picklists: lists, organisations: integration.organisations }),
        ),
      )

    const connector: Connector = {
      vendor: 'autotask',
      integrationId: integration.id,
      get stats() {
        return client.stats
      },
      async *sync(options) {
        const pass = TicketPass.start(options.cursors.get(TICKETS), {
          since: options.since,
          now: options.now,
          overlapMs: config.overlapMs,
        })
        if (pass.unreadableCursor !== undefined) {
          log.warn({ cursor: pass.unreadableCursor }, 'unreadable tickets cursor; starting over')
        }
        const query = pass.query(config)
        const { signal } = options
        const [lists, total] = await Promise.all([
          loadPicklists({ maxAgeMs: -1, signal }),
          client.countTickets(query, signal).catch((error: unknown) => {
            log.warn({ err: error }, 'ticket count failed; progress without a total')
            return undefined
          }),
        ])
        let done = 0
        for await (const { items, last } of client.queryTickets(query, signal)) {
          for (const item of items) pass.track(item)
          done += items.length
          yield {
            ...toPage(items, lists),
            cursor: pass.cursor(last),
            progress: total === undefined ? { done } : { done, total },
          }
        }
      },
    }
    if (config.webhookSecret !== undefined) {
      const secretKey = config.webhookSecret
      connector.webhook = async (delivery) => {
        const request = readWebhook(delivery, secretKey)
        if (!request.accepted) return request
        if (request.ticketId === null) return { accepted: true, pages: [] }
        const [ticket, lists] = await Promise.all([
          client.getTicket(request.ticketId),
          loadPicklists({ maxAgeMs: PICKLIST_REUSE_MS }),
        ])
        return { accepted: true, pages: ticket === null ? [] : [toPage([ticket], lists)] }
      }
    }
    return connector
  },
}
