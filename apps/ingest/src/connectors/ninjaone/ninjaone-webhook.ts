import { sameSecret } from '../tickets/constant-time.js'
import { activityDeviceId, mapActivity } from './map-activity.js'
import type { QuarantinedRecord, SourceRecord } from '../../records/types.js'
import type { WebhookDelivery, WebhookResult } from '../connector.js'
import type { DeviceDirectory } from './device-directory.js'
import type { JobContext } from './map-backup-job.js'

/**
 * A NinjaOne webhook call. NinjaOne signs nothing: it sends the headers registered with the
 * webhook (`PUT /v2/webhook`, `headers: [{ name, value }]`), so the registered header must carry
 * the shared secret, compared in constant time. The body is one `Activity` (an array of them is
 * taken too); backup and patch outcomes become runs of the device the activity names.
 */
export async function receiveNinjaWebhook({
  delivery,
  webhook,
  directory,
  context,
}: {
  delivery: WebhookDelivery
  webhook: { header: string; secret: string }
  directory: DeviceDirectory
  context: JobContext
}): Promise<WebhookResult> {
  const received = delivery.headers.get(webhook.header)
  if (received === null) {
    return { accepted: false, status: 401, reason: `the ${webhook.header} header is missing` }
  }
  if (!sameSecret(received, webhook.secret)) {
    return { accepted: false, status: 401, reason: `the ${webhook.header} header does not match` }
  }
  let body: unknown
  try {
    body = JSON.parse(delivery.body)
  } catch {
    return { accepted: false, status: 400, reason: 'the body is not JSON' }
  }
  const activities = Array.isArray(body) ? body : [body]
  if (activities.some((activity) => activity === null || typeof activity !== 'object')) {
    return { accepted: false, status: 400, reason: 'expected an Activity object' }
  }
  await directory.resolve(
    activities.map(activityDeviceId).filter((id): id is number => id !== undefined),
  )
  const records: SourceRecord[] = []
  const quarantined: QuarantinedRecord[] = []
  for (const raw of activities) {
    const outcome = mapActivity(raw, context)
    if (outcome.kind === 'record') records.push(outcome.record)
    else if (outcome.kind === 'quarantined') quarantined.push(outcome.quarantined)
  }
  return { accepted: true, pages: [{ stream: 'activities', records, quarantined }] }
}
