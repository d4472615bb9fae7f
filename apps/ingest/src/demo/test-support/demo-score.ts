import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseScore } from '../../score/load-score.js'
import type { Score } from '../../score/score-schema.js'

export const DEMO_SCORE_FILE = fileURLToPath(new URL('../demo.score.yaml', import.meta.url))

/** demo.score.yaml, parsed and resolved by the real loader. */
export function demoScore(): Score {
  return parseScore(readFileSync(DEMO_SCORE_FILE, 'utf8'), DEMO_SCORE_FILE)
}
