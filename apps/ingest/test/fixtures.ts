import type { Cadence, Layer } from '@baton/cadence'
import type { RhythmSource } from '../src/beats/rhythm-source.js'
import type { Db, NewRhythm } from '../src/db/database.js'
import type { ScoreIntegration } from '../src/score/score-types.js'

const DAY = 86_400_000

/** A rhythm row with sensible defaults, for storage tests that need one in the database. */
export function rhythmRow(
  overrides: Partial<Omit<NewRhythm, 'cadence' | 'source'>> & {
    id: string
    cadence?: Cadence
    source?: RhythmSource
    layer?: Layer
  },
): NewRhythm {
  const { cadence, source, ...rest } = overrides
  return {
    name: overrides.id,
    layer: 'measure',
    team_id: 'infrastructure',
    organisation_id: 'acme',
    owner_role: 'musician',
    target: 0.95,
    critical: false,
    freshness_ms: 2 * DAY,
    beat_noun: null,
    player_noun: null,
    demo: false,
    active: true,
    ...rest,
    cadence: JSON.stringify(
      cadence ?? { kind: 'schedule', cron: '0 6 * * *', tz: 'UTC', graceMs: 2 * 3_600_000 },
    ),
    source: JSON.stringify(source ?? { kind: 'manual' }),
  }
}

export async function insertRhythms(db: Db, rows: NewRhythm[]): Promise<void> {
  await db.insertInto('rhythms').values(rows).execute()
}

export async function insertOrganisation(db: Db, id = 'acme', tz = 'UTC'): Promise<void> {
  await db.insertInto('organisations').values({ id, name: id, tz, demo: false }).execute()
}

/** An integration's row, as applying the score writes it; unset fields take the score's defaults. */
export async function insertIntegration(
  db: Db,
  integration: Pick<ScoreIntegration, 'id' | 'vendor' | 'organisations'> &
    Partial<ScoreIntegration>,
): Promise<void> {
  await db
    .insertInto('integrations')
    .values({
      id: integration.id,
      vendor: integration.vendor,
      schedule: integration.schedule ?? '*/15 * * * *',
      freshness_ms: integration.freshnessMs ?? 2 * 3_600_000,
      settings: JSON.stringify(integration.settings ?? {}),
      organisations: JSON.stringify(integration.organisations),
      demo: false,
      active: true,
    })
    .execute()
}
