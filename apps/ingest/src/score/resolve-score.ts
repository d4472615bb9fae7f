import type { BusinessCalendar } from '@baton/cadence'

import { vendorConnector } from '../connectors/registry.js'
import { checkCalendar, checkCron } from './check-cadence.js'
import { parseDuration } from './durations.js'
import { restTimeToEpoch } from './local-dates.js'
import { checkReference, checkUniqueIds } from './references.js'
import { resolveChannel } from './resolve-channel.js'
import { resolveRhythm } from './resolve-rhythm.js'
import { describeZodIssue, fromZodIssues } from './zod-issues.js'
import type { ScoreIndex } from './resolve-rhythm.js'
import type { PathIssue } from './score-error.js'
import type {
  Score,
  ScoreFile,
  ScoreIntegration,
  ScoreRest,
  ScoreRhythm,
  ScoreToken,
} from './score-schema.js'
import type { PathSegment } from './yaml-positions.js'

const DEFAULT_POLL_SCHEDULE = '*/15 * * * *'
const DEFAULT_FRESHNESS = '2h'

type Report = (issue: PathIssue | undefined) => void

/**
 * Turns a score that passed the schema into the resolved Score, and collects every issue the
 * schema cannot see: repeated ids, references to nothing, and what @baton/cadence rejects.
 */
export function resolveScore(
  written: ScoreFile,
  { file, lineOf }: { file: string; lineOf: (path: readonly PathSegment[]) => number },
): { score: Score; issues: PathIssue[] } {
  const issues: PathIssue[] = []
  const report: Report = (issue) => void (issue && issues.push(issue))
  for (const list of ['organisations', 'teams', 'integrations', 'rhythms', 'channels'] as const) {
    issues.push(...checkUniqueIds(written[list] ?? [], [list], lineOf))
  }

  const organisations = written.organisations.map((org) => ({ ...org, demo: org.demo ?? false }))
  const teams = written.teams.map((team) => ({ ...team, demo: team.demo ?? false }))
  const calendars = Object.entries(written.calendars ?? {}).map(
    ([name, { tz, hours, holidays }]): [string, BusinessCalendar] => {
      const calendar = { tz, hours, ...(holidays && { holidays }) }
      report(checkCalendar(calendar, ['calendars', name]))
      return [name, calendar]
    },
  )
  const index: ScoreIndex = {
    organisations: new Map(organisations.map((org) => [org.id, org])),
    teams: new Set(teams.map((team) => team.id)),
    calendars: new Map(calendars),
    integrations: new Map(),
  }
  const integrations = (written.integrations ?? []).map((integration, i) =>
    resolveIntegration(integration, ['integrations', i], index, report),
  )
  index.integrations = new Map(integrations.map((integration) => [integration.id, integration]))

  const rhythms = written.rhythms.map((rhythm, i) => {
    const at = ['rhythms', i]
    const resolved = resolveRhythm(rhythm, at, lineOf(at), index)
    issues.push(...resolved.issues)
    return resolved.rhythm
  })
  const rhythmsById = new Map(rhythms.map((rhythm) => [rhythm.id, rhythm]))
  const rests = (written.rests ?? []).map((rest, i) =>
    resolveRest(rest, ['rests', i], index, rhythmsById, report),
  )
  const tokens = (written.tokens ?? []).map((token, i): ScoreToken => {
    const { organisation, rhythm, sha256, env } = token
    if (organisation) {
      report(
        checkReference('organisation', organisation, index.organisations, [
          'tokens',
          i,
          'organisation',
        ]),
      )
    }
    if (rhythm) report(checkReference('rhythm', rhythm, rhythmsById, ['tokens', i, 'rhythm']))
    return {
      scope: organisation ? { organisation } : { rhythm },
      ...(sha256 && { sha256: sha256.toLowerCase() }),
      ...(env && { env }),
    }
  })

  const channels = (written.channels ?? []).map((channel, i) =>
    resolveChannel(channel, ['channels', i], index, report),
  )

  const score: Score = {
    file,
    version: 1,
    organisations,
    teams,
    calendars: Object.fromEntries(calendars),
    integrations,
    rests,
    tokens,
    rhythms,
    channels,
  }
  return { score, issues }
}

function resolveIntegration(
  written: NonNullable<ScoreFile['integrations']>[number],
  at: readonly PathSegment[],
  index: ScoreIndex,
  report: Report,
): ScoreIntegration {
  const schedule = written.schedule ?? DEFAULT_POLL_SCHEDULE
  report(checkCron(schedule, [...at, 'schedule']))
  const organisations = written.organisations ?? {}
  for (const [vendorId, orgId] of Object.entries(organisations)) {
    const path = [...at, 'organisations', vendorId]
    report(checkReference('organisation', orgId, index.organisations, path))
  }
  checkSettings(written.vendor, written.settings ?? {}, [...at, 'settings'], report)
  return {
    id: written.id,
    vendor: written.vendor,
    schedule,
    freshnessMs: parseDuration(written.freshness ?? DEFAULT_FRESHNESS),
    organisations,
    settings: written.settings ?? {},
  }
}

// The vendor's connector declares its settings: a mistake names its line at load, not at sync.
function checkSettings(
  vendor: ScoreIntegration['vendor'],
  settings: Record<string, unknown>,
  at: readonly PathSegment[],
  report: Report,
): void {
  const schema = vendorConnector(vendor)?.settings
  const parsed = schema?.safeParse(settings, { error: describeZodIssue })
  if (!parsed || parsed.success) return
  for (const issue of fromZodIssues(parsed.error.issues)) {
    report({ ...issue, path: [...at, ...issue.path] })
  }
}

function resolveRest(
  written: NonNullable<ScoreFile['rests']>[number],
  at: readonly PathSegment[],
  index: ScoreIndex,
  rhythms: ReadonlyMap<string, ScoreRhythm>,
  report: Report,
): ScoreRest {
  const { rhythm, organisation, team, reason } = written
  if (rhythm) report(checkReference('rhythm', rhythm, rhythms, [...at, 'rhythm']))
  if (organisation) {
    report(
      checkReference('organisation', organisation, index.organisations, [...at, 'organisation']),
    )
  }
  if (team) report(checkReference('team', team, index.teams, [...at, 'team']))
  // A local date is a day of the scope's organisation; a team, or the whole score, has no zone.
  const orgId = organisation ?? rhythms.get(rhythm ?? '')?.organisation
  const tz = index.organisations.get(orgId ?? '')?.tz ?? 'UTC'
  const from = restTimeToEpoch(written.from, tz, 'start')
  const to = restTimeToEpoch(written.to, tz, 'end')
  if (from > to) {
    report({ path: [...at, 'to'], message: `expected an end at or after from (${written.from})` })
  }
  const scope = {
    ...(rhythm && { rhythm }),
    ...(organisation && { organisation }),
    ...(team && { team }),
  }
  return { scope, from, to, ...(reason !== undefined && { reason }) }
}
