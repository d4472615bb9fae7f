import { json } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { IngestError, ingestJson } from '$lib/server/ingest-call'
import type { RhythmIndexEntries } from '$lib/rhythm-index.svelte'
import type { RequestHandler } from './$types'

const PAGE = 1000

/** Every active rhythm's name, layer and team, compactly: what names the beats of the live stream. */
export const GET: RequestHandler = async ({ fetch, locals }) => {
  const client = ingestClient(fetch, locals.token)
  const entries: RhythmIndexEntries = {}
  try {
    for (let offset = 0, total = Infinity; offset < total; offset += PAGE) {
      const page = await ingestJson(
        client.v1.rhythms.$get({ query: { limit: String(PAGE), offset: String(offset) } }),
      )
      for (const rhythm of page.rhythms)
        entries[rhythm.id] = [rhythm.name, rhythm.layer, rhythm.team.id]
      total = page.total
    }
  } catch (cause) {
    if (cause instanceof IngestError)
      return json({ error: cause.message }, { status: cause.status })
    throw cause
  }
  return json(entries, { headers: { 'cache-control': 'no-store' } })
}
