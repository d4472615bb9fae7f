import { readFile } from 'node:fs/promises'

import { LineCounter, parseDocument } from 'yaml'

import { resolveScore } from './resolve-score.js'
import { ScoreError, locateIssues } from './score-error.js'
import { scoreFileSchema } from './score-schema.js'
import { createPositions } from './yaml-positions.js'
import { describeZodIssue, fromZodIssues } from './zod-issues.js'
import type { Score } from './score-schema.js'

/** Reads and resolves the score at `file`. Throws a ScoreError listing every problem found. */
export async function loadScore(file: string): Promise<Score> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const issue = {
      file,
      line: 1,
      column: 1,
      path: '',
      message: `cannot read the score: ${(error as Error).message}`,
    }
    throw new ScoreError([issue], { cause: error })
  }
  return parseScore(text, file)
}

/**
 * Parses, validates and resolves a score's text; `file` names it in messages. Throws a
 * ScoreError listing every problem with its line: YAML syntax first, then the schema (unknown
 * keys, wrong types, bad durations), then references and cadences once the shape is right.
 */
export function parseScore(text: string, file: string): Score {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0])
      return { file, line, column: col, path: '', message: yamlMessage(error.message) }
    })
    throw new ScoreError(issues)
  }
  const positions = createPositions(doc, lineCounter)
  let data: unknown
  try {
    data = doc.toJS()
  } catch (error) {
    // Only an alias bomb gets here: a document too expanded to turn into data.
    const issue = { file, line: 1, column: 1, path: '', message: (error as Error).message }
    throw new ScoreError([issue], { cause: error })
  }
  const parsed = scoreFileSchema.safeParse(data, { error: describeZodIssue })
  if (!parsed.success) {
    throw new ScoreError(locateIssues(file, positions, fromZodIssues(parsed.error.issues)))
  }
  const lineOf = (path: Parameters<typeof positions.at>[0]) => positions.at(path).line
  const { score, issues } = resolveScore(parsed.data, { file, lineOf })
  if (issues.length > 0) throw new ScoreError(locateIssues(file, positions, issues))
  return score
}

function yamlMessage(message: string): string {
  return `invalid YAML: ${message.split('\n')[0]}`
}
