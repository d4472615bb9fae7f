import type { Connector, WebhookDelivery } from './connector.js'
import type { RecordSink } from '../records/types.js'

export type WebhookOutcome =
  | { accepted: true; pages: number; created: number; updated: number; quarantined: number }
  /** 404: the vendor takes no webhooks. */
  | { accepted: false; status: 401 | 400 | 404; reason: string }

/**
 * Hands a webhook to its connector, which verifies it, and stores the pages it gives through the
 * sink (so beats derive and the live stream hears them). A webhook never moves a stream's cursor:
 * the polls still read everything since their own watermark.
 */
export async function receiveWebhook({
  integrationId,
  connector,
  sink,
  delivery,
}: {
  integrationId: string
  connector: Connector
  sink: RecordSink
  delivery: WebhookDelivery
}): Promise<WebhookOutcome> {
  if (!connector.webhook) {
    const reason = `${connector.vendor} webhooks are not supported; it is polled on its schedule`
    return { accepted: false, status: 404, reason }
  }
  const result = await connector.webhook(delivery)
  if (!result.accepted) return result
  const outcome = { accepted: true as const, pages: 0, created: 0, updated: 0, quarantined: 0 }
  for (const page of result.pages) {
    const stored = await sink.storeBatch({
      integrationId,
      records: page.records,
      quarantined: page.quarantined,
    })
    outcome.pages++
    outcome.created += stored.created
    outcome.updated += stored.updated
    outcome.quarantined += stored.quarantined
  }
  return outcome
}
