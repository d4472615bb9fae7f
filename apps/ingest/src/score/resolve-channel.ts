import { parseDuration } from './durations.js'
import { checkReference } from './references.js'
import type { ScoreIndex } from './resolve-rhythm.js'
import type { PathIssue } from './score-error.js'
import type { ScoreChannel, ScoreFile } from './score-schema.js'
import type { PathSegment } from './yaml-positions.js'

/** Four flips within an hour is flapping unless a channel says otherwise. */
const DEFAULT_FLAPPING = { flips: 4, withinMs: 3_600_000 }

/** A channel as written, with its durations in ms and its routes checked against the score. */
export function resolveChannel(
  written: NonNullable<ScoreFile['channels']>[number],
  at: readonly PathSegment[],
  index: ScoreIndex,
  report: (issue: PathIssue | undefined) => void,
): ScoreChannel {
  const route = written.route ?? {}
  route.teams?.forEach((team, i) =>
    report(checkReference('team', team, index.teams, [...at, 'route', 'teams', i])),
  )
  route.organisations?.forEach((org, i) =>
    report(
      checkReference('organisation', org, index.organisations, [
        ...at,
        'route',
        'organisations',
        i,
      ]),
    ),
  )
  if (written.quietHours && written.quietHours.from === written.quietHours.to) {
    report({
      path: [...at, 'quietHours', 'to'],
      message: 'expected quiet hours to end at another time than they start',
    })
  }
  return {
    id: written.id,
    kind: written.kind,
    ...(written.url && { url: written.url }),
    ...(written.to && { to: written.to }),
    ...(written.signingSecret && { signingSecret: written.signingSecret }),
    route: {
      ...(route.teams && { teams: route.teams }),
      ...(route.layers && { layers: route.layers }),
      ...(route.organisations && { organisations: route.organisations }),
      ...(route.severities && { severities: route.severities }),
    },
    ...(written.repeat !== undefined && { repeatMs: parseDuration(written.repeat) }),
    ...(written.quietHours && { quietHours: written.quietHours }),
    flapping: written.flapping
      ? { flips: written.flapping.flips, withinMs: parseDuration(written.flapping.within) }
      : DEFAULT_FLAPPING,
  }
}
