import { listRhythms } from './rhythm-list.js'
import type { Db } from '../db/database.js'
import type { RhythmFilters, RhythmListItem } from './rhythm-list.js'

/** Every team, or only these: what one request may see (an Access's `teams`). */
export type TeamScope = 'all' | ReadonlySet<string>

function withinTeams(
  items: readonly RhythmListItem[],
  teams: TeamScope,
): readonly RhythmListItem[] {
  return teams === 'all' ? items : items.filter((item) => teams.has(item.team.id))
}

/**
 * Every active rhythm with its latest state, held in memory between evaluation runs: the wall,
 * the team lists and the summaries all read it, so it is loaded once per change rather than
 * once per request. Concurrent readers share one load.
 */
export class RhythmReadModel {
  private items: readonly RhythmListItem[] | undefined
  private loading: Promise<readonly RhythmListItem[]> | undefined
  private version = 0
  private derivedViews = new Map<string, unknown>()

  constructor(private readonly db: Db) {}

  /** Marks the list out of date; the next read loads it again. */
  invalidate(): void {
    this.version++
    this.items = undefined
    this.derivedViews = new Map()
  }

  /**
   * A view computed from the list (the layers overview, a team's group), kept until the list
   * changes: fifty wall screens asking between two evaluation runs cost one computation.
   */
  async derived<T>(key: string, compute: (items: readonly RhythmListItem[]) => T): Promise<T> {
    const version = this.version
    const views = this.derivedViews
    if (views.has(key)) return views.get(key) as T
    const value = compute(await this.rhythms())
    if (version === this.version) views.set(key, value)
    return value
  }

  /**
   * `derived`, over the rhythms of the teams one may see: each scope (every team, or one set of
   * teams) is computed once per change, however many screens share it.
   */
  async derivedFor<T>(
    teams: TeamScope,
    key: string,
    compute: (items: readonly RhythmListItem[]) => T,
  ): Promise<T> {
    const scope = teams === 'all' ? '*' : [...teams].sort().join(',')
    return this.derived(`${scope}|${key}`, (items) => compute(withinTeams(items, teams)))
  }

  /** All active rhythms, worst first. */
  async rhythms(): Promise<readonly RhythmListItem[]> {
    if (this.items) return this.items
    this.loading ??= this.load()
    return this.loading
  }

  async filtered(filters: RhythmFilters, teams: TeamScope = 'all'): Promise<RhythmListItem[]> {
    return withinTeams(await this.rhythms(), teams).filter(
      (item) =>
        (!filters.id || item.id === filters.id) &&
        (!filters.layer || item.layer === filters.layer) &&
        (!filters.team || item.team.id === filters.team) &&
        (!filters.organisation || item.organisation.id === filters.organisation) &&
        (!filters.state || item.state === filters.state),
    )
  }

  private async load(): Promise<readonly RhythmListItem[]> {
    const version = this.version
    try {
      const items = await listRhythms(this.db)
      // A change during the load makes this copy stale already: serve it, keep nothing.
      if (version === this.version) this.items = items
      return items
    } finally {
      this.loading = undefined
    }
  }
}
