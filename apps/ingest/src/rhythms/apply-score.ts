import { rederiveBeats } from '../beats/rederive.js'
import { loadCatalog } from './catalog.js'
import type { Db, NewRhythm, Rhythm } from '../db/database.js'
import type { Score } from '../score/score-schema.js'
import type { RhythmCatalog } from './catalog.js'

export interface AppliedScore {
  catalog: RhythmCatalog
  /** Rhythms that are new or whose feed changed: their beats were re-derived from records. */
  rederived: string[]
  deactivated: string[]
}

/**
 * Makes the database match a validated score, in one transaction. Rhythms and integrations the
 * score no longer names are deactivated, not deleted, so their history stays readable.
 */
export async function applyScore({ db, score }: { db: Db; score: Score }): Promise<AppliedScore> {
  return db.transaction().execute(async (trx) => {
    const demoOrganisations = new Set(score.organisations.filter((o) => o.demo).map((o) => o.id))
    for (const organisation of score.organisations) {
      await trx
        .insertInto('organisations')
        .values(organisation)
        .onConflict((oc) => oc.column('id').doUpdateSet(organisation))
        .execute()
    }
    for (const team of score.teams) {
      await trx
        .insertInto('teams')
        .values(team)
        .onConflict((oc) => oc.column('id').doUpdateSet(team))
        .execute()
    }
    await applyIntegrations(trx, score)

    const before = new Map(
      (await trx.selectFrom('rhythms').selectAll().execute()).map((row) => [row.id, row]),
    )
    const rows = score.rhythms.map((rhythm): NewRhythm => ({
      id: rhythm.id,
      name: rhythm.name,
      layer: rhythm.layer,
      team_id: rhythm.team,
      organisation_id: rhythm.organisation,
      owner_role: rhythm.owner,
      cadence: JSON.stringify(rhythm.cadence),
      target: rhythm.target,
      critical: rhythm.critical,
      freshness_ms: rhythm.freshnessMs ?? null,
      beat_noun: rhythm.beatNoun ?? null,
      player_noun: rhythm.playerNoun ?? null,
      source: JSON.stringify(rhythm.source),
      demo: demoOrganisations.has(rhythm.organisation),
      active: true,
    }))
    for (const row of rows) {
      await trx
        .insertInto('rhythms')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, updated_at: new Date() }))
        .execute()
    }
    const named = new Set(rows.map((row) => row.id))
    const deactivated = [...before.values()]
      .filter((row) => row.active && !named.has(row.id))
      .map((row) => row.id)
    if (deactivated.length > 0) {
      await trx
        .updateTable('rhythms')
        .set({ active: false })
        .where('id', 'in', deactivated)
        .execute()
    }

    await trx.deleteFrom('rests').execute()
    if (score.rests.length > 0) {
      await trx
        .insertInto('rests')
        .values(
          score.rests.map((rest) => ({
            rhythm_id: rest.scope.rhythm ?? null,
            organisation_id: rest.scope.organisation ?? null,
            team_id: rest.scope.team ?? null,
            from_at: new Date(rest.from),
            to_at: new Date(rest.to),
            reason: rest.reason ?? null,
          })),
        )
        .execute()
    }

    const catalog = await loadCatalog(trx)
    const rederived = score.rhythms
      .filter((rhythm) => {
        const previous = before.get(rhythm.id)
        return !previous || !previous.active || feedChanged(previous, rhythm)
      })
      .map((rhythm) => rhythm.id)
    await rederiveBeats({ db: trx, catalog, rhythmIds: rederived })
    return { catalog, rederived, deactivated }
  })
}

async function applyIntegrations(db: Db, score: Score): Promise<void> {
  for (const integration of score.integrations) {
    const row = {
      id: integration.id,
      vendor: integration.vendor,
      schedule: integration.schedule,
      freshness_ms: integration.freshnessMs,
      settings: JSON.stringify(integration.settings),
      organisations: JSON.stringify(integration.organisations),
      demo: integration.vendor === 'demo',
      active: true,
    }
    await db
      .insertInto('integrations')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, updated_at: new Date() }))
      .execute()
  }
  const ids = score.integrations.map((integration) => integration.id)
  let deactivate = db.updateTable('integrations').set({ active: false })
  if (ids.length > 0) deactivate = deactivate.where('id', 'not in', ids)
  await deactivate.execute()
}

type ScoreRhythm = Score['rhythms'][number]

// What decides which records feed a rhythm and how: a change here means its beats are stale.
function feedChanged(previous: Rhythm, next: ScoreRhythm): boolean {
  return (
    previous.organisation_id !== next.organisation ||
    stableJson(previous.source) !== stableJson(next.source) ||
    previous.cadence.kind !== next.cadence.kind
  )
}

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  )
}
