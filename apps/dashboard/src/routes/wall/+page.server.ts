import { env } from '$env/dynamic/private'
import { ingestClient } from '$lib/server/api'
import { IngestError, ingestJson } from '$lib/server/ingest-call'
import { isZone, parseInterval } from '$lib/time'
import { layersNeedingNames, NAMED_PER_BAND, overviewWall, teamWall } from './wall-view'
import type { IngestClient } from '$lib/server/api'
import type { PageServerLoad } from './$types'
import type { WallView } from './wall-view'

/**
 * The wall's data: the layer overview, or one team's (`?team=`), and the teams to rotate
 * through. The service being away is not an error here: the page keeps what it showed last
 * and says since when it has been stale.
 */
export const load: PageServerLoad = async ({ url, fetch, depends, locals }) => {
  depends('baton:wall')
  const settings = {
    rotateMs: parseInterval(url.searchParams.get('rotate') ?? env.BATON_WALL_ROTATE),
    tz: zoneOf(url.searchParams.get('tz') ?? env.BATON_TZ),
  }
  try {
    const { view, teams } = await wallData(
      ingestClient(fetch, locals.token),
      url.searchParams.get('team'),
    )
    return { ...settings, view, teams, problem: null }
  } catch (cause) {
    if (!(cause instanceof IngestError)) throw cause
    return {
      ...settings,
      view: null,
      teams: [],
      problem: { message: cause.message, hint: cause.hint },
    }
  }
}

async function wallData(client: IngestClient, teamId: string | null) {
  const [layers, { teams }] = await Promise.all([
    ingestJson(client.v1.layers.$get()),
    ingestJson(client.v1.teams.$get()),
  ])
  const names = teams.map((team) => ({ id: team.id, name: team.name }))
  if (!teamId) return { view: overviewWall(layers), teams: names }
  const team = teams.find((candidate) => candidate.id === teamId)
  if (!team) throw new IngestError(`There is no team "${teamId}".`, 404)
  const pages = await Promise.all(
    layersNeedingNames(team).map((layer) =>
      ingestJson(
        client.v1.rhythms.$get({
          query: { team: team.id, layer, limit: String(NAMED_PER_BAND) },
        }),
      ),
    ),
  )
  const rhythms = pages.flatMap((page) => page.rhythms)
  const view: WallView = teamWall(team, rhythms, {
    generatedAt: layers.generatedAt,
    demo: layers.demo,
  })
  return { view, teams: names }
}

function zoneOf(tz: string | null | undefined): string {
  return tz && isZone(tz) ? tz : 'UTC'
}
