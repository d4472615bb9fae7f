import { ingestClient } from '$lib/server/api'
import { IngestError, ingestJson } from '$lib/server/ingest-call'
import type { LayoutServerLoad } from './$types'

/** Who is signed in, for the header and for what the pages offer (a viewer has no check-in). */
export const load: LayoutServerLoad = async ({ fetch, locals }) => {
  try {
    const me = await ingestJson(ingestClient(fetch, locals.token).v1.auth.me.$get())
    return { me }
  } catch (cause) {
    // With the service away each page says so itself; the header just names nobody.
    if (cause instanceof IngestError) return { me: null }
    throw cause
  }
}
