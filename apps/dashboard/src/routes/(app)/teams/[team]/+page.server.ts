import { error } from '@sveltejs/kit'
import { LAYER_ORDER } from '$lib/layers'
import { ingestClient } from '$lib/server/api'
import { failLoad, IngestError, ingestJson } from '$lib/server/ingest-call'
import { countsOf } from '$lib/states'
import type { Layer } from '@baton/cadence'
import type { PageServerLoad } from './$types'

const PAGE = 200

/**
 * One team's rhythms, worst first, filtered by layer and organisation, a page at a time. A team
 * that does not exist is a 404; a service away on a reload leaves the last good data on screen.
 */
export const load: PageServerLoad = async ({ params, url, fetch, depends, locals }) => {
  depends('baton:team')
  const layer = layerOf(url.searchParams.get('layer'))
  const organisation = url.searchParams.get('organisation') || undefined
  const offset = Math.max(0, Math.floor(Number(url.searchParams.get('offset')) || 0))
  const client = ingestClient(fetch, locals.token)
  try {
    const [{ teams }, { organisations }, page] = await Promise.all([
      ingestJson(client.v1.teams.$get()),
      ingestJson(client.v1.organisations.$get()),
      ingestJson(
        client.v1.rhythms.$get({
          query: {
            team: params.team,
            ...(layer && { layer }),
            ...(organisation && { organisation }),
            limit: String(PAGE),
            offset: String(offset),
          },
        }),
      ),
    ])
    const team = teams.find((candidate) => candidate.id === params.team)
    if (!team) error(404, { message: `There is no team "${params.team}".` })
    const view = {
      team: { id: team.id, name: team.name, counts: countsOf(team.summary) },
      organisations: organisations.map(({ id, name }) => ({ id, name })),
      filters: { layer: layer ?? null, organisation: organisation ?? null },
      page: { total: page.total, offset, limit: PAGE },
      rhythms: page.rhythms.map((rhythm) => ({
        id: rhythm.id,
        name: rhythm.name,
        layer: rhythm.layer,
        state: rhythm.state,
        reasons: rhythm.reasons.map((reason) => reason.message),
        organisation: rhythm.organisation,
        adherence: rhythm.adherence,
        target: rhythm.target,
        since: rhythm.since ? Date.parse(rhythm.since) : null,
        recent: rhythm.recent,
      })),
    }
    return { view, problem: null }
  } catch (cause) {
    if (!(cause instanceof IngestError) || cause.status === 404) failLoad(cause)
    return { view: null, problem: { message: cause.message, hint: cause.hint } }
  }
}

function layerOf(text: string | null): Layer | undefined {
  return LAYER_ORDER.find((layer) => layer === text)
}
