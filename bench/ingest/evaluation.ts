import { LAYERS, evaluate } from '@baton/cadence'
import type { importIngest } from './setup.js'

type Ingest = Awaited<ReturnType<typeof importIngest>>
type Db = Parameters<Ingest['evaluateRhythms']>[0]['db']

// evaluateRhythms reads, evaluates and stores 250 rhythms per round, in layer order; the
// breakdown reads and evaluates the same rounds, one step at a time.
const ROUND = 250

type Cache = InstanceType<Ingest['InputCache']>

/**
 * One full pass of the service's own evaluateRhythms over every active rhythm, in ms. With the
 * input cache the service keeps between its passes, a pass after the first reads only what
 * changed; without one, it reads every rhythm's beats and triggers.
 */
export async function timeEvaluation(ingest: Ingest, db: Db, cache?: Cache): Promise<number> {
  const catalog = await ingest.loadCatalog(db)
  const started = performance.now()
  await ingest.evaluateRhythms({ db, catalog, now: Date.now(), ...(cache ? { cache } : {}) })
  return performance.now() - started
}

export interface Breakdown {
  readMs: number
  engineMs: number
  beats: number
}

/**
 * Where a pass's time goes: reading inputs (loadInputs, as evaluateRhythms calls it) and the
 * engine, each timed alone; the rest of a pass is mostly storing states (which the pass may
 * overlap with reading). Nothing is written.
 */
export async function evaluationBreakdown(ingest: Ingest, db: Db): Promise<Breakdown> {
  const catalog = await ingest.loadCatalog(db)
  const now = Date.now()
  const breakdown: Breakdown = { readMs: 0, engineMs: 0, beats: 0 }
  const ordered = [...catalog.rhythms].sort(
    (a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer),
  )
  for (let i = 0; i < ordered.length; i += ROUND) {
    const rhythms = ordered.slice(i, i + ROUND)
    let started = performance.now()
    const work = await ingest.loadInputs({ db, catalog, rhythms, now })
    breakdown.readMs += performance.now() - started
    started = performance.now()
    for (const { spec, input, range } of work) {
      breakdown.beats += input.beats.length
      evaluate(spec, input, range)
    }
    breakdown.engineMs += performance.now() - started
  }
  return breakdown
}
