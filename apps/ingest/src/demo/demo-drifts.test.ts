import { describe, expect, it } from 'vitest'
import { backfillDemo } from './demo-ensemble.js'
import { HEARTBEAT_RHYTHMS } from './demo-heartbeats.js'
import { createFakeSink } from './test-support/fake-sink.js'
import { demoScore } from './test-support/demo-score.js'
import { evaluateDemo } from './test-support/evaluate-demo.js'
import type { RhythmState } from '@baton/cadence'

const score = demoScore()

/** What STORIES should show on the wall, whenever the demo starts. */
const DRIFTS: Record<string, { state: RhythmState; reason: string }> = {
  'acme-nightly-backups': { state: 'drifting', reason: 'last_missed' },
  'harlow-nightly-backups': { state: 'drifting', reason: 'last_failed' },
  'brenner-nightly-backups': { state: 'drifting', reason: 'trend_late' },
  'harlow-first-response': { state: 'drifting', reason: 'budget_exhausted' },
  'brenner-dr-drill': { state: 'drifting', reason: 'budget_exhausted' },
  'harlow-dms-backups': { state: 'silent', reason: 'no_signal' },
  'harlow-dms-patch-scan': { state: 'silent', reason: 'no_signal' },
}

// A winter evening in Europe, a February night in New York, a July afternoon in Denver.
describe.each([
  Date.UTC(2026, 10, 24, 22, 0),
  Date.UTC(2026, 1, 3, 7, 13),
  Date.UTC(2026, 6, 15, 19, 30),
])('the demo evaluated at its start, %d', (now) => {
  const evaluated = (async () => {
    const sink = createFakeSink()
    await backfillDemo({ sink, now })
    return evaluateDemo(score, sink, now)
  })()

  it.each(Object.entries(DRIFTS))('shows %s as %o', async (id, { state, reason }) => {
    const evaluation = (await evaluated).get(id)!
    expect(evaluation.state).toBe(state)
    expect(evaluation.reasons.map((r) => r.code)).toContain(reason)
  })

  it('keeps every other rhythm tight', async () => {
    const loose = [...(await evaluated)]
      .filter(([id, evaluation]) => !(id in DRIFTS) && evaluation.state !== 'tight')
      .map(([id, evaluation]) => `${id}: ${evaluation.reasons.map((r) => r.message).join('; ')}`)
    expect(loose).toEqual([])
  })

  it('keeps every agent check-in rhythm tight over a full week of minutes', async () => {
    for (const { rhythmId } of HEARTBEAT_RHYTHMS) {
      const { state, counts, adherence } = (await evaluated).get(rhythmId)!
      expect(state, rhythmId).toBe('tight')
      expect(counts.expected, rhythmId).toBeGreaterThanOrEqual(7 * 24 * 60)
      // A failed relay fails its own minute only: no late or missed slots follow it.
      expect(counts.failed, rhythmId).toBeGreaterThan(0)
      expect(counts.late + counts.missed, rhythmId).toBe(0)
      expect(adherence, rhythmId).toBeGreaterThanOrEqual(0.99)
    }
  })

  it('keeps the tight daily rhythms at 95% on time or better', async () => {
    for (const [id, evaluation] of await evaluated) {
      if (evaluation.layer !== 'measure' || evaluation.state !== 'tight') continue
      expect(evaluation.adherence, id).toBeGreaterThanOrEqual(0.95)
    }
  })
})
