import { sameSecret } from '../tickets/constant-time.js'
import { webhookEvent } from './halopsa-api.js'

/**
 * Whether a webhook carries the shared secret registered with Halo, in the configured header.
 * Halo documents no signature: it sends the header we registered (an API key, Basic or Bearer
 * credentials), so the whole value, or the part after a scheme like "Bearer ", must match.
 */
export function carriesSecret(value: string | null, secret: string): boolean {
  if (value === null) return false
  const credential = /^\s*\S+\s+(\S.*)$/.exec(value)?.[1] ?? ''
  // Both compared, always: the time taken does not tell which form was tried.
  const whole = sameSecret(value.trim(), secret)
  const afterScheme = sameSecret(credential.trim(), secret)
  return whole || afterScheme
}

export type WebhookTickets =
  { ok: true; tickets: unknown[]; ids: string[] } | { ok: false; reason: string }

/**
 * The tickets a webhook body holds: a top-level `ticket`, or a batch (an array) of such events.
 * An event with only a ticket id names a ticket to fetch.
 */
export function webhookTickets(body: string): WebhookTickets {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { ok: false, reason: 'the body is not JSON' }
  }
  const events = Array.isArray(json) ? json : [json]
  const tickets: unknown[] = []
  const ids: string[] = []
  for (const [index, item] of events.entries()) {
    const event = webhookEvent.safeParse(item)
    const where = Array.isArray(json) ? `[${index}]` : 'the body'
    if (!event.success) return { ok: false, reason: `${where} is not a Halo webhook event` }
    if (event.data.ticket !== undefined) tickets.push(event.data.ticket)
    else if (/^\d+$/.test(String(event.data.ticket_id ?? '')))
      ids.push(String(event.data.ticket_id))
    else return { ok: false, reason: `${where} has no ticket` }
  }
  return { ok: true, tickets, ids }
}
