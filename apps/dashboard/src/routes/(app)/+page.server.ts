import { ingestClient } from '$lib/server/api'
import { IngestError, ingestJson } from '$lib/server/ingest-call'
import { deskGrid } from './desk-grid'
import type { PageServerLoad } from './$types'

/** Layers × teams. With the service away the page says so and keeps retrying. */
export const load: PageServerLoad = async ({ fetch, depends, locals }) => {
  depends('baton:desk')
  const client = ingestClient(fetch, locals.token)
  try {
    const [layers, { teams }] = await Promise.all([
      ingestJson(client.v1.layers.$get()),
      ingestJson(client.v1.teams.$get()),
    ])
    return {
      desk: { ...deskGrid(layers.layers, teams), demo: layers.demo, overall: layers.overall },
      problem: null,
    }
  } catch (cause) {
    if (!(cause instanceof IngestError)) throw cause
    return { desk: null, problem: { message: cause.message, hint: cause.hint } }
  }
}
