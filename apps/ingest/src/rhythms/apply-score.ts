import { recordAudit } from '../auth/audit.js'
import { chunks } from '../db/queries/chunks.js'
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
export async function applyScore({
  db,
  score,
  audit,
}: {
  db: Db
  score: Score
  /** Who applies it (the score file, by its path): a change is written to the audit log. */
  audit?: { actor: string; target: string }
}): Promise<AppliedScore> {
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
    const integrations = await applyIntegrations(trx, score)

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
    // A restart applies the same score again: write only what is new or changed, in batches
    // (a statement per rhythm made restarting with ten thousand rhythms take seconds).
    const changed = rows.filter((row) => {
      const previous = before.get(row.id)
      return !previous || rhythmChanged(previous, row)
    })
    for (const chunk of chunks(changed, 500)) {
      await trx
        .insertInto('rhythms')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            ...Object.fromEntries(
              REWRITTEN_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)]),
            ),
            updated_at: new Date(),
          })),
        )
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
    const details = {
      rhythmsChanged: changed.map((row) => row.id),
      rhythmsDeactivated: deactivated,
      integrationsChanged: integrations.changed,
      integrationsDeactivated: integrations.deactivated,
    }
    if (audit && Object.values(details).some((ids) => ids.length > 0)) {
      // Ids only: integration settings may name where credentials come from, never shown here.
      await recordAudit(trx, { ...audit, action: 'score.apply', details })
    }
    return { catalog, rederived, deactivated }
  })
}

async function applyIntegrations(
  db: Db,
  score: Score,
): Promise<{ changed: string[]; deactivated: string[] }> {
  const before = new Map(
    (await db.selectFrom('integrations').selectAll().execute()).map((row) => [row.id, row]),
  )
  const changed: string[] = []
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
    const previous = before.get(row.id)
    if (
      !previous ||
      !previous.active ||
      previous.vendor !== row.vendor ||
      previous.schedule !== row.schedule ||
      Number(previous.freshness_ms) !== row.freshness_ms ||
      stableJson(previous.settings) !== stableJson(integration.settings) ||
      stableJson(previous.organisations) !== stableJson(integration.organisations)
    ) {
      changed.push(row.id)
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
  const named = new Set(ids)
  const deactivated = [...before.values()]
    .filter((row) => row.active && !named.has(row.id))
    .map((row) => row.id)
  return { changed, deactivated }
}

type ScoreRhythm = Score['rhythms'][number]

// Every column the score decides (not `created_at`, which stays when the rhythm first appeared).
const REWRITTEN_COLUMNS = [
  'name',
  'layer',
  'team_id',
  'organisation_id',
  'owner_role',
  'cadence',
  'target',
  'critical',
  'freshness_ms',
  'beat_noun',
  'player_noun',
  'source',
  'demo',
  'active',
] as const satisfies ReadonlyArray<keyof NewRhythm & keyof Rhythm>

function rhythmChanged(previous: Rhythm, next: NewRhythm): boolean {
  return REWRITTEN_COLUMNS.some((column) =>
    column === 'cadence' || column === 'source'
      ? stableJson(previous[column]) !== stableJson(JSON.parse(next[column] as string))
      : previous[column] !== next[column],
  )
}

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
