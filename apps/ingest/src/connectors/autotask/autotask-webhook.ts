import { createHmac } from 'node:crypto'
import { sameSecret } from '../tickets/constant-time.js'
import { webhookPayload } from './autotask-api.js'
import type { WebhookDelivery } from '../connector.js'

export const SIGNATURE_HEADER = 'X-Hook-Signature'

/** What a verified delivery asks for: fetch a ticket, or nothing. */
export type WebhookRequest =
  | { accepted: true; ticketId: number | null }
  | { accepted: false; status: 401 | 400; reason: string }

/**
 * Checks `X-Hook-Signature: sha1=<base64(HMAC-SHA1(SecretKey, raw body))>` in constant time and
 * reads the payload. Deletes and other entities are accepted and ask for nothing: a deleted
 * ticket's history stays, and only tickets feed rhythms.
 */
export function readWebhook(delivery: WebhookDelivery, secretKey: string): WebhookRequest {
  const signature = delivery.headers.get(SIGNATURE_HEADER)
  if (!signature) return { accepted: false, status: 401, reason: `missing ${SIGNATURE_HEADER}` }
  if (!signatureMatches(signature, delivery.body, secretKey)) {
    return { accepted: false, status: 401, reason: `${SIGNATURE_HEADER} does not match the body` }
  }
  let json: unknown
  try {
    json = JSON.parse(delivery.body)
  } catch {
    return { accepted: false, status: 400, reason: 'the body is not JSON' }
  }
  const payload = webhookPayload.safeParse(json)
  if (!payload.success) {
    const issue = payload.error.issues[0]!
    return {
      accepted: false,
      status: 400,
      reason: `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`,
    }
  }
  const { Action, EntityType, Id } = payload.data
  const isTicket = EntityType.toLowerCase() === 'ticket' || EntityType.toLowerCase() === 'tickets'
  return { accepted: true, ticketId: isTicket && Action.toLowerCase() !== 'delete' ? Id : null }
}

function signatureMatches(header: string, body: string, secretKey: string): boolean {
  const digest = createHmac('sha1', secretKey).update(body, 'utf8').digest('base64')
  return sameSecret(header.trim(), `sha1=${digest}`)
}
