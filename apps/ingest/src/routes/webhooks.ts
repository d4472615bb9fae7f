import { createRoute, z } from '@hono/zod-openapi'
import { receiveWebhook } from '../connectors/receive-webhook.js'
import { VendorHttpError } from '../connectors/http/vendor-http.js'
import { ApiError, notFound } from '../errors.js'
import { createRouter } from './router.js'
import { problem } from './schemas.js'
import type { AppDeps } from './deps.js'

const post = createRoute({
  method: 'post',
  path: '/{integration}',
  summary: "Receive a vendor's webhook for an integration: verified, then stored at once",
  request: {
    params: z.object({ integration: z.string().min(1) }),
    body: {
      required: true,
      content: {
        '*/*': {
          schema: z.string().openapi({
            description: 'the vendor payload as sent: its signature is checked over these bytes',
          }),
        },
      },
    },
  },
  responses: {
    202: {
      description: 'verified and stored',
      content: {
        'application/json': {
          schema: z
            .object({
              accepted: z.literal(true),
              pages: z.number(),
              created: z.number(),
              updated: z.number(),
              quarantined: z.number(),
            })
            .openapi('WebhookAccepted'),
        },
      },
    },
    400: problem('a body the vendor would not send'),
    401: problem('a missing or wrong signature'),
    404: problem('no such integration, or its vendor takes no webhooks'),
    413: problem('a body over 1 MiB'),
    429: problem('too many calls for this integration; Retry-After says when to send again'),
    502: problem('the vendor did not answer a call the webhook needed'),
    503: problem('the integration is misconfigured (its problem is named)'),
  },
})

export function webhookRoutes(deps: AppDeps) {
  return createRouter().openapi(post, async (c) => {
    const { integration: id } = c.req.valid('param')
    const lookup = deps.syncs.connector(id)
    if (lookup.kind === 'unknown') throw notFound('integration', id)
    await deps.auth.requests.webhooks.take(`integration ${id}`)
    if (lookup.kind === 'unavailable') {
      if (lookup.cause === 'no-connector') throw new ApiError(404, 'no_webhooks', lookup.reason)
      throw new ApiError(503, 'integration_unavailable', lookup.reason)
    }
    const delivery = { headers: c.req.raw.headers, body: await c.req.text() }
    const outcome = await receiveWebhook({
      integrationId: id,
      connector: lookup.connector,
      sink: deps.sink,
      delivery,
    }).catch((error: unknown) => {
      if (error instanceof VendorHttpError) throw new ApiError(502, 'vendor_failed', error.message)
      throw error
    })
    if (!outcome.accepted) {
      const code = { 401: 'unauthorized', 400: 'invalid_request', 404: 'no_webhooks' }[
        outcome.status
      ]
      throw new ApiError(outcome.status, code, `integration '${id}': ${outcome.reason}`)
    }
    return c.json(outcome, 202)
  })
}
