import { createHmac } from 'node:crypto'
import type { Cue, CueRequest } from './cue-request.js'

/**
 * A generic webhook: the cue as JSON, signed like Stripe's and Slack's own webhooks. The
 * receiver computes HMAC-SHA256 over `<timestamp>.<body>` with the shared secret and compares it
 * to `x-baton-signature` (`v1=<hex>`); it should refuse a timestamp more than five minutes old,
 * and may drop a repeated `x-baton-cue-id` (a cue is sent again only if its first answer was lost).
 */
export function webhookRequest(cue: Cue, signingSecret: string, now: number): CueRequest {
  const body = JSON.stringify({
    type: 'baton.cue',
    id: String(cue.id),
    kind: cue.kind,
    severity: cue.severity,
    ...cue.message,
  })
  const timestamp = String(Math.floor(now / 1000))
  const signature = createHmac('sha256', signingSecret).update(`${timestamp}.${body}`).digest('hex')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-baton-cue-id': String(cue.id),
      'x-baton-timestamp': timestamp,
      'x-baton-signature': `v1=${signature}`,
    },
  }
}
