import { LAYERS } from '@baton/cadence'
import { z } from 'zod'

import {
  cron,
  duration,
  id,
  localDate,
  name,
  openingHours,
  regularExpression,
  restTime,
  share,
  timeZone,
} from './score-fields.js'
import { secretRef } from '../connectors/settings.js'
import {
  CHANNEL_KINDS,
  OWNER_ROLES,
  PATCH_ACTIVITIES,
  SEVERITIES,
  TICKET_MEASURES,
  VENDORS,
} from './score-types.js'

export * from './score-types.js'

// The score as written. Cron expressions and calendar hours are checked by @baton/cadence during
// resolution, so their rules live in one place.

const organisation = z.strictObject({ id, name, tz: timeZone, demo: z.boolean().optional() })

const team = z.strictObject({ id, name, demo: z.boolean().optional() })

const calendar = z.strictObject({
  tz: timeZone,
  hours: z
    .strictObject({
      mon: openingHours.optional(),
      tue: openingHours.optional(),
      wed: openingHours.optional(),
      thu: openingHours.optional(),
      fri: openingHours.optional(),
      sat: openingHours.optional(),
      sun: openingHours.optional(),
    })
    .describe("opening hours per weekday, like { mon: [['08:00', '17:00']] }"),
  holidays: z.array(localDate).optional(),
})

const integration = z.strictObject({
  id,
  vendor: z.enum(VENDORS),
  schedule: cron.optional(),
  freshness: duration.optional(),
  organisations: z.record(z.string(), id).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
})

const rest = z
  .strictObject({
    rhythm: id.optional(),
    organisation: id.optional(),
    team: id.optional(),
    from: restTime,
    to: restTime,
    reason: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    const scopes = (['rhythm', 'organisation', 'team'] as const).filter((key) => value[key])
    for (const key of scopes.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `a rest has at most one scope, but this one names ${scopes.join(' and ')}`,
      })
    }
  })

const token = z
  .strictObject({
    organisation: id.optional(),
    rhythm: id.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex digits: the SHA-256 of the token')
      .optional(),
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name like 'BATON_TOKEN'")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.organisation) === Boolean(value.rhythm)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a token names exactly one of organisation or rhythm',
      })
    }
    if (Boolean(value.sha256) === Boolean(value.env)) {
      ctx.addIssue({ code: 'custom', message: 'a token gives exactly one of sha256 or env' })
    }
  })

const cadence = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('schedule'),
      cron,
      tz: timeZone.optional(),
      grace: duration.optional(),
      window: duration.optional(),
    }),
    z.strictObject({
      kind: z.literal('sla'),
      target: duration,
      grace: duration.optional(),
      calendar: id.optional(),
    }),
  ])
  .describe("a cadence like { kind: schedule, cron: '0 6 * * *' } or { kind: sla, target: 4h }")

const source = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('manual') }),
    z.strictObject({
      kind: z.literal('backups'),
      integration: id.optional(),
      roster: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('patches'),
      activity: z.enum(PATCH_ACTIVITIES),
      integration: id.optional(),
      roster: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('tickets'),
      measure: z.enum(TICKET_MEASURES),
      integration: id.optional(),
      boards: z.array(z.string()).optional(),
      priorities: z.record(z.string(), duration).optional(),
      types: z.array(z.string()).optional(),
      summary: regularExpression.optional(),
    }),
  ])
  .describe('a source like { kind: manual } or { kind: backups }')

const rhythm = z.strictObject({
  id,
  name,
  layer: z.enum(LAYERS),
  team: id,
  organisation: id,
  owner: z.enum(OWNER_ROLES).optional(),
  cadence,
  target: share.optional(),
  critical: z.boolean().optional(),
  freshness: duration.optional(),
  beat: z.string().optional(),
  players: z.string().optional(),
  // A rhythm with no source is kept by hand: its beats come through the ping API.
  source: source.default({ kind: 'manual' }),
})

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a local time like '22:00'")
  .describe("a local time like '22:00'")

const channel = z
  .strictObject({
    id,
    kind: z.enum(CHANNEL_KINDS),
    url: secretRef.describe("the receiver's address, like { env: SLACK_NOC_URL }").optional(),
    to: z.array(z.email('expected an e-mail address like noc@msp.example')).min(1).optional(),
    signingSecret: secretRef.optional(),
    route: z
      .strictObject({
        teams: z.array(id).optional(),
        layers: z.array(z.enum(LAYERS)).optional(),
        organisations: z.array(id).optional(),
        severities: z.array(z.enum(SEVERITIES)).optional(),
      })
      .optional(),
    repeat: duration.optional(),
    quietHours: z.strictObject({ from: clock, to: clock, tz: timeZone }).optional(),
    flapping: z
      .strictObject({ flips: z.number().int().min(2).max(100), within: duration })
      .optional(),
  })
  .superRefine((value, ctx) => {
    const email = value.kind === 'email'
    if (!email && !value.url) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `a ${value.kind} channel needs the receiver's url, like { env: HOOK_URL }`,
      })
    }
    if (email && !value.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'an email channel needs its recipients: to: [noc@msp.example]',
      })
    }
    if (!email && value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'only email channels take to' })
    }
    if (email && value.url) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'an email channel sends through the SMTP server (BATON_SMTP_URL), not a url',
      })
    }
    if (value.kind === 'webhook' && !value.signingSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['signingSecret'],
        message:
          'a webhook channel signs what it sends: give signingSecret, like { env: HOOK_KEY }',
      })
    }
    if (value.kind !== 'webhook' && value.signingSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['signingSecret'],
        message: `a ${value.kind} channel is not signed by Baton; only webhook channels take signingSecret`,
      })
    }
  })

/** The score file as a person writes it. */
export const scoreFileSchema = z
  .strictObject({
    version: z.literal(1).describe('version: 1'),
    organisations: z.array(organisation),
    teams: z.array(team),
    calendars: z.record(id, calendar).optional(),
    integrations: z.array(integration).optional(),
    rests: z.array(rest).optional(),
    tokens: z.array(token).optional(),
    rhythms: z.array(rhythm),
    channels: z.array(channel).optional(),
  })
  .describe('a score: a mapping with version, organisations, teams and rhythms')

export type ScoreFile = z.infer<typeof scoreFileSchema>
export type ScoreFileRhythm = ScoreFile['rhythms'][number]
