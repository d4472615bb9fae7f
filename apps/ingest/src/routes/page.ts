import { z } from '@hono/zod-openapi'

/** Long lists come a page at a time: a team can hold thousands of rhythms. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

export const PageSchema = z.object({
  total: z.number().openapi({ description: 'how many match, over all pages' }),
  limit: z.number(),
  offset: z.number(),
})
