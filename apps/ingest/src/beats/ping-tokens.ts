import { timingSafeEqual } from 'node:crypto'
import { sha256 } from '../lib/sha256.js'
import type { Rhythm } from '../db/database.js'
import type { ScoreToken } from '../score/score-schema.js'

/**
 * Whether `token` may ping `rhythm`: a token scoped to the rhythm or to its organisation, given
 * in the score as a SHA-256 digest or as the name of an environment variable. Digests are
 * compared in constant time.
 */
export function tokenAllows({
  token,
  rhythm,
  tokens,
  env = process.env,
}: {
  token: string
  rhythm: Rhythm
  tokens: readonly ScoreToken[]
  env?: NodeJS.ProcessEnv
}): boolean {
  const presented = sha256(token)
  let allowed = false
  for (const candidate of tokens) {
    const inScope =
      candidate.scope.rhythm === rhythm.id ||
      candidate.scope.organisation === rhythm.organisation_id
    const expected =
      candidate.sha256 ?? (candidate.env ? sha256(env[candidate.env] ?? '') : undefined)
    // Check every candidate: the time taken must not depend on which one matches.
    if (expected && expected.length === presented.length) {
      const matches = timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(presented, 'hex'))
      const usable = candidate.env === undefined || Boolean(env[candidate.env])
      allowed = allowed || (matches && inScope && usable)
    }
  }
  return allowed
}
