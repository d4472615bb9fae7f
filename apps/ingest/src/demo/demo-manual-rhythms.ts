import { DAY } from './zoned-time.js'
import type { Layer } from '@baton/cadence'

/** A rhythm kept by people, who mark it done: the demo plays their check-ins. */
export interface ManualRhythm {
  rhythmId: string
  organisationId: string
  layer: Layer
  cron: string
  graceMs: number
  /** Whole days before the due date it is usually done, [fewest, most]. */
  leadDays: readonly [number, number]
  /** Local minutes of the day it is done within. */
  minutes: readonly [number, number]
  /** Who marks it done: the account manager, or the lead engineer. */
  by: 'account' | 'engineer'
}

type Shape = Omit<ManualRhythm, 'rhythmId' | 'organisationId' | 'cron'>

const WEEKLY: Shape = {
  layer: 'phrase',
  graceMs: DAY,
  leadDays: [0, 0],
  minutes: [450, 660],
  by: 'engineer',
}
const MONTHLY: Shape = {
  layer: 'section',
  graceMs: 2 * DAY,
  leadDays: [1, 2],
  minutes: [540, 960],
  by: 'account',
}
const QUARTERLY: Shape = {
  layer: 'movement',
  graceMs: 14 * DAY,
  leadDays: [4, 8],
  minutes: [600, 900],
  by: 'account',
}
const YEARLY: Shape = {
  layer: 'piece',
  graceMs: 30 * DAY,
  leadDays: [10, 14],
  minutes: [600, 960],
  by: 'account',
}
const MILESTONE: Shape = {
  layer: 'portfolio',
  graceMs: 60 * DAY,
  leadDays: [14, 21],
  minutes: [540, 720],
  by: 'account',
}

const rhythm = (id: string, cron: string, shape: Shape, changes: Partial<Shape> = {}) => ({
  rhythmId: id,
  organisationId: id.split('-')[0]!,
  cron,
  ...shape,
  ...changes,
})

/** Every `manual` rhythm of demo.score.yaml, with the same cron and grace. */
export const MANUAL_RHYTHMS: readonly ManualRhythm[] = [
  ...['acme', 'harlow', 'brenner'].flatMap((org) => [
    rhythm(`${org}-test-restore`, '0 12 * * 5', WEEKLY),
    rhythm(`${org}-monthly-report`, '0 17 3 * *', MONTHLY),
  ]),
  rhythm('acme-qbr', '0 17 20 1,4,7,10 *', QUARTERLY),
  rhythm('harlow-qbr', '0 17 25 1,4,7,10 *', QUARTERLY),
  rhythm('brenner-qbr', '0 17 15 1,4,7,10 *', QUARTERLY),
  rhythm('acme-dr-drill', '0 17 15 3,6,9,12 *', QUARTERLY, { by: 'engineer' }),
  rhythm('harlow-dr-drill', '0 17 30 3,6,9,12 *', QUARTERLY, { by: 'engineer' }),
  rhythm('brenner-dr-drill', '0 17 15 3,6,9,12 *', QUARTERLY, { by: 'engineer' }),
  rhythm('harlow-roadmap-review', '0 17 28 2,5,8,11 *', QUARTERLY, { leadDays: [3, 7] }),
  rhythm('brenner-roadmap-review', '0 17 28 2,5,8,11 *', QUARTERLY, { leadDays: [3, 7] }),
  rhythm('acme-it-budget', '0 17 15 10 *', YEARLY, { graceMs: 14 * DAY }),
  rhythm('harlow-it-budget', '0 17 1 11 *', YEARLY, { graceMs: 14 * DAY }),
  rhythm('brenner-it-budget', '0 17 15 12 *', YEARLY, { graceMs: 14 * DAY }),
  rhythm('acme-lifecycle-review', '0 17 30 6 *', YEARLY, { by: 'engineer' }),
  rhythm('harlow-lifecycle-review', '0 17 31 8 *', YEARLY, { by: 'engineer' }),
  rhythm('brenner-lifecycle-review', '0 17 31 3 *', YEARLY, { by: 'engineer' }),
  rhythm('acme-hipaa-risk-assessment', '0 17 30 4 *', YEARLY, { by: 'engineer' }),
  rhythm('harlow-security-assessment', '0 17 30 9 *', YEARLY, { by: 'engineer' }),
  rhythm('brenner-tisax-assessment', '0 17 15 5 *', YEARLY, { by: 'engineer' }),
  rhythm('acme-technology-plan', '0 9 1 1 *', MILESTONE, { graceMs: 30 * DAY }),
  rhythm('harlow-cloud-migration', '0 9 1 7 *', MILESTONE),
  rhythm('brenner-legacy-retirement', '0 9 1 1 *', MILESTONE, { by: 'engineer' }),
]
