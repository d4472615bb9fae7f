import { formatPath } from './yaml-positions.js'
import type { PathSegment, Positions } from './yaml-positions.js'

export interface ScoreIssue {
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  /** Where in the score, e.g. `rhythms[2].cadence.cron`; empty for the whole file. */
  path: string
  /** What is wrong and what was expected. */
  message: string
}

/** An issue found in the parsed document, before it is placed on a line. */
export interface PathIssue {
  path: readonly PathSegment[]
  message: string
  /** Point at the key rather than its value, as for an unknown key. */
  atKey?: boolean
}

/** A score that cannot be used. Lists every issue found, each with its file, line and column. */
export class ScoreError extends Error {
  override readonly name = 'ScoreError'

  constructor(
    readonly issues: ScoreIssue[],
    options?: { cause?: unknown },
  ) {
    super(issues.map(formatIssue).join('\n'), options)
  }
}

/** `score.yaml:12:13 rhythms[0].cadence.cron: expected …` */
export function formatIssue(issue: ScoreIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`
}

/** Places issues on the lines of the score, in the order they appear there. */
export function locateIssues(
  file: string,
  positions: Positions,
  issues: readonly PathIssue[],
): ScoreIssue[] {
  return issues
    .map((issue) => ({
      file,
      ...positions.at(issue.path, { key: issue.atKey }),
      path: formatPath(issue.path),
      message: issue.message,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
}
