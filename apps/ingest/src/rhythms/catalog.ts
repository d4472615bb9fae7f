import type { RhythmSpec } from '@baton/cadence'
import type { RhythmFeed, RhythmSource } from '../beats/rhythm-source.js'
import type { Db, Rest, Rhythm } from '../db/database.js'

/**
 * The active rhythms and their rests, read once per score change: every record, beat and
 * evaluation consults it, so it lives in memory rather than being queried each time.
 */
export class RhythmCatalog {
  readonly rhythms: readonly Rhythm[]
  readonly feeds: readonly RhythmFeed[]
  private readonly byId: Map<string, Rhythm>
  private readonly rests: readonly Rest[]

  constructor(rhythms: readonly Rhythm[], rests: readonly Rest[]) {
    this.rhythms = rhythms
    this.rests = rests
    this.byId = new Map(rhythms.map((rhythm) => [rhythm.id, rhythm]))
    this.feeds = rhythms
      .filter((rhythm) => rhythm.source.kind !== 'manual')
      .map((rhythm) => ({
        id: rhythm.id,
        organisationId: rhythm.organisation_id,
        cadenceKind: rhythm.cadence.kind,
        source: rhythm.source as RhythmSource,
      }))
  }

  /** The same catalog limited to some teams' rhythms: what a section leader's summary reads. */
  withinTeams(teams: 'all' | ReadonlySet<string>): RhythmCatalog {
    if (teams === 'all') return this
    return new RhythmCatalog(
      this.rhythms.filter((rhythm) => teams.has(rhythm.team_id)),
      this.rests,
    )
  }

  get(id: string): Rhythm | undefined {
    return this.byId.get(id)
  }

  /** The rests that cover a rhythm: its own, its organisation's, its team's, and global ones. */
  restsOf(rhythm: Rhythm): Array<{ from: number; to: number; reason: string | null }> {
    return this.rests
      .filter(
        (rest) =>
          (rest.rhythm_id === null || rest.rhythm_id === rhythm.id) &&
          (rest.organisation_id === null || rest.organisation_id === rhythm.organisation_id) &&
          (rest.team_id === null || rest.team_id === rhythm.team_id),
      )
      .map((rest) => ({
        from: rest.from_at.getTime(),
        to: rest.to_at.getTime(),
        reason: rest.reason,
      }))
  }

  inRest(rhythm: Rhythm, at: number): boolean {
    return this.restsOf(rhythm).some((rest) => at >= rest.from && at <= rest.to)
  }

  /** The engine's view of a rhythm. */
  specOf(rhythm: Rhythm): RhythmSpec {
    const spec: RhythmSpec = {
      id: rhythm.id,
      layer: rhythm.layer,
      cadence: rhythm.cadence,
      target: rhythm.target,
      critical: rhythm.critical,
      rests: this.restsOf(rhythm).map(({ from, to }) => ({ from, to })),
    }
    if (rhythm.beat_noun) spec.beatNoun = rhythm.beat_noun
    if (rhythm.player_noun) spec.playerNoun = rhythm.player_noun
    return spec
  }
}

export async function loadCatalog(db: Db): Promise<RhythmCatalog> {
  const [rhythms, rests] = await Promise.all([
    db.selectFrom('rhythms').selectAll().where('active', '=', true).orderBy('id').execute(),
    db.selectFrom('rests').selectAll().execute(),
  ])
  return new RhythmCatalog(rhythms, rests)
}
