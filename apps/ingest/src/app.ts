import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { ZodError } from 'zod'
import { ApiError } from './errors.js'
import { authenticate } from './auth/request-access.js'
import { limitBodies, refuseNulBytes } from './routes/input-guards.js'
import { accountRoutes } from './routes/accounts.js'
import { auditRoutes } from './routes/audit.js'
import { authRoutes } from './routes/auth.js'
import { beatRoutes } from './routes/beats.js'
import { cueRoutes } from './routes/cues.js'
import { healthRoutes } from './routes/health.js'
import { integrationRoutes } from './routes/integrations.js'
import { overviewRoutes } from './routes/overview.js'
import { rhythmRoutes } from './routes/rhythms.js'
import { createRouter } from './routes/router.js'
import { singleSignOnRoutes } from './routes/single-sign-on.js'
import { streamRoutes } from './routes/stream.js'
import { summaryRoutes } from './routes/summary.js'
import { tokenRoutes } from './routes/tokens.js'
import { webhookRoutes } from './routes/webhooks.js'
import type { AppDeps } from './routes/deps.js'

export type { AppDeps } from './routes/deps.js'

/** Builds the HTTP API from its dependencies; `AppType` gives the dashboard its typed client. */
export function createApp(deps: AppDeps) {
  const app = createRouter()
  app.use(requestId())
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    // One wide line per request; the stream logs when it opens.
    deps.log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    )
  })

  app.use('/v1/*', limitBodies, refuseNulBytes)
  app.use('/v1/*', authenticate(deps))

  const routes = app
    .route('/', healthRoutes(deps))
    .route('/v1/auth', authRoutes(deps))
    .route('/v1/auth/sso', singleSignOnRoutes(deps))
    .route('/v1/accounts', accountRoutes(deps))
    .route('/v1/tokens', tokenRoutes(deps))
    .route('/v1/audit', auditRoutes(deps))
    .route('/v1', overviewRoutes(deps))
    .route('/v1/rhythms', rhythmRoutes(deps))
    .route('/v1/beats', beatRoutes(deps))
    .route('/v1/integrations', integrationRoutes(deps))
    .route('/v1/summary', summaryRoutes(deps))
    .route('/v1/cues', cueRoutes(deps))
    .route('/v1/webhooks', webhookRoutes(deps))
    .route('/v1', streamRoutes(deps))

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Baton API',
      version: '1',
      description: 'Which rhythms of an IT operation are tight, which are drifting, and why.',
    },
  })

  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  )
  app.onError((error, c) => {
    const id = c.get('requestId')
    if (error instanceof ApiError) {
      if (error.retryAfter !== undefined) c.header('retry-after', String(error.retryAfter))
      return c.json(
        { error: { code: error.code, message: error.message, requestId: id } },
        error.status,
      )
    }
    if (error instanceof ZodError) {
      const issues = error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }))
      const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
      return c.json({ error: { code: 'invalid_request', message, issues, requestId: id } }, 400)
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        { error: { code: 'invalid_request', message: error.message, requestId: id } },
        error.status,
      )
    }
    deps.log.error({ err: error, requestId: id, path: c.req.path }, 'request failed')
    return c.json(
      {
        error: { code: 'internal', message: 'internal error; see the service log', requestId: id },
      },
      500,
    )
  })
  return routes
}

export type AppType = ReturnType<typeof createApp>
