import { DEFAULT_TARGETS } from '@baton/cadence'
import type { BusinessCalendar, Cadence } from '@baton/cadence'

import { checkRhythmSpec } from './check-cadence.js'
import { parseDuration } from './durations.js'
import { checkReference } from './references.js'
import { DEFAULT_OWNERS } from './score-schema.js'
import type { PathIssue } from './score-error.js'
import type {
  RhythmSource,
  ScoreFileRhythm,
  ScoreIntegration,
  ScoreOrganisation,
  ScoreRhythm,
} from './score-schema.js'
import type { PathSegment } from './yaml-positions.js'

/** What a rhythm may refer to, already resolved. */
export interface ScoreIndex {
  organisations: ReadonlyMap<string, ScoreOrganisation>
  teams: ReadonlySet<string>
  calendars: ReadonlyMap<string, BusinessCalendar>
  integrations: ReadonlyMap<string, ScoreIntegration>
}

/** Resolves one rhythm: references checked, defaults filled, then checked by the engine. */
export function resolveRhythm(
  written: ScoreFileRhythm,
  at: readonly PathSegment[],
  line: number,
  index: ScoreIndex,
): { rhythm: ScoreRhythm; issues: PathIssue[] } {
  const organisation = index.organisations.get(written.organisation)
  const integration = written.source.kind === 'manual' ? undefined : written.source.integration
  const issues = [
    checkReference('organisation', written.organisation, index.organisations, [
      ...at,
      'organisation',
    ]),
    checkReference('team', written.team, index.teams, [...at, 'team']),
    written.cadence.kind === 'sla' && written.cadence.calendar !== undefined
      ? checkReference('calendar', written.cadence.calendar, index.calendars, [
          ...at,
          'cadence',
          'calendar',
        ])
      : undefined,
    integration === undefined
      ? undefined
      : checkReference('integration', integration, index.integrations, [
          ...at,
          'source',
          'integration',
        ]),
    checkSourceFitsCadence(written, at),
  ]
  const rhythm: ScoreRhythm = {
    id: written.id,
    name: written.name,
    layer: written.layer,
    team: written.team,
    organisation: written.organisation,
    owner: written.owner ?? DEFAULT_OWNERS[written.layer],
    cadence: resolveCadence(written.cadence, organisation?.tz ?? 'UTC', index.calendars),
    target: written.target ?? DEFAULT_TARGETS[written.layer],
    critical: written.critical ?? false,
    ...defined(
      'freshnessMs',
      optionalDuration(written.freshness) ?? freshnessOf(integration, index),
    ),
    ...defined('beatNoun', written.beat),
    ...defined('playerNoun', written.players),
    source: resolveSource(written.source),
    line,
  }
  const { id, layer, cadence, target, critical } = rhythm
  issues.push(checkRhythmSpec({ id, layer, cadence, target, critical }, at))
  return { rhythm, issues: issues.filter((issue) => issue !== undefined) }
}

function resolveCadence(
  written: ScoreFileRhythm['cadence'],
  defaultTz: string,
  calendars: ScoreIndex['calendars'],
): Cadence {
  const graceMs = optionalDuration(written.grace)
  if (written.kind === 'schedule') {
    const windowMs = optionalDuration(written.window)
    return {
      kind: 'schedule',
      cron: written.cron,
      tz: written.tz ?? defaultTz,
      ...defined('graceMs', graceMs),
      ...defined('windowMs', windowMs),
    }
  }
  const calendar = written.calendar === undefined ? undefined : calendars.get(written.calendar)
  return {
    kind: 'sla',
    targetMs: parseDuration(written.target),
    ...defined('graceMs', graceMs),
    ...defined('calendar', calendar),
  }
}

function resolveSource(written: ScoreFileRhythm['source']): RhythmSource {
  switch (written.kind) {
    case 'manual':
      return { kind: 'manual' }
    case 'backups':
    case 'patches':
      // Every device of the organisation is expected to beat unless the score says otherwise.
      return { ...written, roster: written.roster ?? true }
    case 'tickets': {
      const { priorities, ...rest } = written
      if (priorities === undefined) return rest
      const targets = Object.entries(priorities).map(([name, target]) => [
        name,
        parseDuration(target),
      ])
      return { ...rest, priorities: Object.fromEntries(targets) as Record<string, number> }
    }
  }
}

/** Backups and closed tickets are beats on a schedule; first responses start an SLA clock. */
function checkSourceFitsCadence(
  written: ScoreFileRhythm,
  at: readonly PathSegment[],
): PathIssue | undefined {
  const { source, cadence } = written
  const needs =
    source.kind === 'manual'
      ? cadence.kind
      : source.kind === 'tickets' && source.measure !== 'closed'
        ? 'sla'
        : 'schedule'
  if (cadence.kind !== needs) {
    const what =
      source.kind === 'tickets'
        ? `tickets measured by ${source.measure}`
        : `a ${source.kind} source`
    return {
      path: [...at, 'cadence', 'kind'],
      message: `expected '${needs}': ${what} needs ${needs === 'sla' ? 'an' : 'a'} ${needs} cadence`,
    }
  }
  if (source.kind === 'tickets' && source.priorities && cadence.kind !== 'sla') {
    return {
      path: [...at, 'source', 'priorities'],
      message: 'priorities set SLA targets, so they need an sla cadence',
    }
  }
  return undefined
}

function freshnessOf(integration: string | undefined, index: ScoreIndex): number | undefined {
  return integration === undefined ? undefined : index.integrations.get(integration)?.freshnessMs
}

function optionalDuration(written: string | number | undefined): number | undefined {
  return written === undefined ? undefined : parseDuration(written)
}

/** `{ [key]: value }` when value is set, else nothing: keeps unset optional fields absent. */
function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
