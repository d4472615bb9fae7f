import type { Counts, Layer, Reason, RhythmState } from '@baton/cadence'
import type { Db } from '../db/database.js'
import type { RecentSlot, StoredFigures } from '../evaluation/figures.js'
import type { RhythmSource } from '../beats/rhythm-source.js'

export interface RhythmFilters {
  id?: string
  layer?: Layer
  team?: string
  organisation?: string
  state?: RhythmState
}

export interface RhythmListItem {
  id: string
  name: string
  layer: Layer
  team: { id: string; name: string }
  organisation: { id: string; name: string; tz: string }
  owner: string
  critical: boolean
  demo: boolean
  target: number
  cadence: { kind: 'schedule'; cron: string; tz: string } | { kind: 'sla'; targetMs: number }
  /** Where its beats come from: `manual` rhythms take pings and check-ins. */
  source: { kind: RhythmSource['kind'] }
  state: RhythmState
  reasons: Reason[]
  score: number | null
  adherence: number | null
  budgetLeft: number | null
  counts: Counts | null
  recent: RecentSlot[]
  since: string | null
  evaluatedAt: string | null
}

const NOT_EVALUATED: Reason[] = [{ code: 'no_slots', message: 'not evaluated yet' }]

/** Active rhythms with their latest state, worst first: drifting, then silent, then tight. */
export async function listRhythms(db: Db, filters: RhythmFilters = {}): Promise<RhythmListItem[]> {
  let query = db
    .selectFrom('rhythms as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('rhythm_states as s', 's.rhythm_id', 'r.id')
    .select([
      'r.id',
      'r.name',
      'r.layer',
      'r.team_id',
      't.name as team_name',
      'r.organisation_id',
      'o.name as organisation_name',
      'o.tz as organisation_tz',
      'r.owner_role',
      'r.critical',
      'r.demo',
      'r.target',
      'r.cadence',
      'r.source',
      's.state',
      's.reasons',
      's.score',
      's.adherence',
      's.figures',
      's.since',
      's.evaluated_at',
    ])
    .where('r.active', '=', true)
  if (filters.id) query = query.where('r.id', '=', filters.id)
  if (filters.layer) query = query.where('r.layer', '=', filters.layer)
  if (filters.team) query = query.where('r.team_id', '=', filters.team)
  if (filters.organisation) query = query.where('r.organisation_id', '=', filters.organisation)
  if (filters.state) query = query.where('s.state', '=', filters.state)
  const rows = await query.execute()
  return rows
    .map((row): RhythmListItem => {
      const figures = row.figures as StoredFigures | null
      const cadence = row.cadence
      return {
        id: row.id,
        name: row.name,
        layer: row.layer,
        team: { id: row.team_id, name: row.team_name },
        organisation: {
          id: row.organisation_id,
          name: row.organisation_name,
          tz: row.organisation_tz,
        },
        owner: row.owner_role,
        critical: row.critical,
        demo: row.demo,
        target: row.target,
        cadence:
          cadence.kind === 'schedule'
            ? { kind: 'schedule', cron: cadence.cron, tz: cadence.tz }
            : { kind: 'sla', targetMs: cadence.targetMs },
        source: { kind: (row.source as RhythmSource).kind },
        state: row.state ?? 'silent',
        reasons: row.reasons ?? NOT_EVALUATED,
        score: row.score,
        adherence: row.adherence,
        budgetLeft: figures?.budgetLeft ?? null,
        counts: figures?.counts ?? null,
        recent: figures?.recent ?? [],
        since: row.since?.toISOString() ?? null,
        evaluatedAt: row.evaluated_at?.toISOString() ?? null,
      }
    })
    .sort(worstFirst)
}

const STATE_RANK: Record<RhythmState, number> = { drifting: 0, silent: 1, tight: 2 }

/** Drifting before silent before tight; within a state, critical first, then the least budget. */
export function worstFirst(a: RhythmListItem, b: RhythmListItem): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    Number(b.critical) - Number(a.critical) ||
    (a.budgetLeft ?? 1) - (b.budgetLeft ?? 1) ||
    (a.score ?? 101) - (b.score ?? 101) ||
    a.name.localeCompare(b.name)
  )
}
