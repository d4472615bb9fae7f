import { LAYERS } from '@baton/cadence'
import { z } from '@hono/zod-openapi'

// The API's contract: validation, the OpenAPI document and the typed client all come from here.

export const LayerSchema = z.enum(LAYERS).openapi('Layer')
export const StateSchema = z.enum(['tight', 'drifting', 'silent']).openapi('RhythmState')

export const ReasonSchema = z
  .object({
    code: z.enum([
      'budget_exhausted',
      'last_missed',
      'last_failed',
      'trend_late',
      'no_signal',
      'no_slots',
    ]),
    message: z
      .string()
      .openapi({ example: '3 of the last 14 nightly backups missed (79% < 95% target)' }),
  })
  .openapi('Reason')

export const CountsSchema = z
  .object({
    expected: z.number(),
    onTime: z.number(),
    late: z.number(),
    failed: z.number(),
    missed: z.number(),
    pending: z.number(),
    rest: z.number(),
    extra: z.number(),
  })
  .openapi('Counts')

export const SummarySchema = z
  .object({
    total: z.number(),
    tight: z.number(),
    drifting: z.number(),
    silent: z.number(),
    tightShare: z.number().nullable(),
    state: StateSchema,
    criticalDrifting: z.array(z.string()),
    adherence: z.number().nullable(),
  })
  .openapi('Summary')

const OutcomeSchema = z.enum(['on_time', 'late', 'failed', 'missed', 'pending', 'rest'])

export const RhythmItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    layer: LayerSchema,
    team: z.object({ id: z.string(), name: z.string() }),
    organisation: z.object({ id: z.string(), name: z.string(), tz: z.string() }),
    owner: z.string(),
    critical: z.boolean(),
    demo: z.boolean(),
    target: z.number(),
    cadence: z.union([
      z.object({ kind: z.literal('schedule'), cron: z.string(), tz: z.string() }),
      z.object({ kind: z.literal('sla'), targetMs: z.number() }),
    ]),
    source: z
      .object({ kind: z.enum(['manual', 'backups', 'patches', 'tickets']) })
      .openapi({ description: "Where its beats come from; 'manual' rhythms take check-ins." }),
    state: StateSchema,
    reasons: z.array(ReasonSchema),
    score: z.number().nullable(),
    adherence: z.number().nullable(),
    budgetLeft: z.number().nullable(),
    counts: CountsSchema.nullable(),
    recent: z
      .array(z.tuple([z.number(), OutcomeSchema, z.number().nullable()]))
      .openapi({ description: 'The latest slots for a sparkline: [due, outcome, offsetMs].' }),
    since: z.string().nullable(),
    evaluatedAt: z.string().nullable(),
  })
  .openapi('RhythmItem')

export const AttentionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organisation: z.string(),
    team: z.string(),
    critical: z.boolean(),
    score: z.number().nullable(),
    reason: z.string(),
    reasons: z.array(z.string()),
  })
  .openapi('Attention')

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string().optional(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error')

/** An error answer of a route's OpenAPI description: the one error shape. */
export function problem(description: string) {
  return { description, content: { 'application/json': { schema: ErrorSchema } } }
}

/** Error responses for these statuses, each described by its number. */
export function problems<Code extends number>(...codes: Code[]) {
  return Object.fromEntries(codes.map((code) => [code, problem(String(code))])) as Record<
    Code,
    ReturnType<typeof problem>
  >
}

export const SlotSchema = z
  .object({
    open: z.number(),
    due: z.number(),
    deadline: z.number(),
    outcome: OutcomeSchema,
    beatAt: z.number().optional(),
    offsetMs: z.number().optional(),
    key: z.string().optional(),
    player: z.string().optional(),
  })
  .openapi('Slot')

const LatenessSchema = z.object({ p50Ms: z.number(), p95Ms: z.number(), jitterMs: z.number() })
const TrendSchema = z.object({
  msPerBeat: z.number(),
  interceptMs: z.number(),
  projectedOffsetMs: z.number(),
  player: z.string().optional(),
})

export const EvaluationSchema = z
  .object({
    rhythmId: z.string(),
    layer: LayerSchema,
    critical: z.boolean(),
    target: z.number(),
    state: StateSchema,
    reasons: z.array(ReasonSchema),
    score: z.number().nullable(),
    adherence: z.number().nullable(),
    completion: z.number().nullable(),
    budgetLeft: z.number().nullable(),
    counts: CountsSchema,
    lateness: LatenessSchema.nullable(),
    trend: TrendSchema.nullable(),
    slots: z.array(SlotSchema),
    players: z
      .array(
        z.object({
          player: z.string(),
          state: StateSchema,
          reasons: z.array(ReasonSchema),
          counts: CountsSchema,
          adherence: z.number().nullable(),
          completion: z.number().nullable(),
          lateness: LatenessSchema.nullable(),
          trend: TrendSchema.nullable(),
        }),
      )
      .optional(),
  })
  .openapi('Evaluation')
