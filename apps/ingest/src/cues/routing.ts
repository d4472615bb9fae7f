import type { Rhythm } from '../db/database.js'
import type { ScoreChannel, Severity } from '../score/score-types.js'
import type { RhythmState } from '@baton/cadence'

/** Back to tight is news; drifting or silent is a warning, or critical for a critical rhythm. */
export function severityOf(rhythm: Pick<Rhythm, 'critical'>, to: RhythmState): Severity {
  if (to === 'tight') return 'info'
  return rhythm.critical ? 'critical' : 'warning'
}

/** Whether a channel hears cues of this rhythm at this severity: every list it has must match. */
export function hears(channel: ScoreChannel, rhythm: Rhythm, severity: Severity): boolean {
  const { teams, layers, organisations, severities } = channel.route
  return (
    (!teams || teams.includes(rhythm.team_id)) &&
    (!layers || layers.includes(rhythm.layer)) &&
    (!organisations || organisations.includes(rhythm.organisation_id)) &&
    (!severities || severities.includes(severity))
  )
}
