import { OpenAPIHono } from '@hono/zod-openapi'

/**
 * A router whose invalid requests answer 400 with the one error shape, naming each field:
 * every route module starts from this.
 */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return
      const issues = result.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(body)',
        message: issue.message,
      }))
      const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
      return c.json({ error: { code: 'invalid_request', message, issues } }, 400)
    },
  })
}
