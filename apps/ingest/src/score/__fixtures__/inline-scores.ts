import { parseScore } from '../load-score.js'
import { ScoreError } from '../score-error.js'
import type { ScoreIssue } from '../score-error.js'

// Small scores written inline, so each test shows the lines its expectations point at.

/** Lines 1-8: one organisation, one team. */
export const HEADER = `version: 1
organisations:
  - id: acme
    name: Acme Dental
    tz: America/Denver
teams:
  - id: infrastructure
    name: Infrastructure
`

/** A rhythm entry of 7 lines; after `rhythms:` on line 9 it starts on line 10. */
export const BACKUPS = `  - id: acme-backups
    name: Acme nightly backups
    layer: measure
    team: infrastructure
    organisation: acme
    cadence: { kind: schedule, cron: '0 6 * * *' }
    source: { kind: manual }
`

/** The error of a score that must be rejected. */
export function captureError(text: string): ScoreError {
  try {
    parseScore(text, 'score.yaml')
  } catch (error) {
    if (error instanceof ScoreError) return error
    throw error
  }
  throw new Error('expected the score to be rejected')
}

/** The issues of a score that must be rejected. */
export function issuesOf(text: string): ScoreIssue[] {
  return captureError(text).issues
}

/** The 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle))
  if (index < 0) throw new Error(`no line contains ${needle}`)
  return index + 1
}
