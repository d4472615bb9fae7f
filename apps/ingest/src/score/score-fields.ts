import { z } from 'zod'

import { DURATION_FORMS, parseDuration } from './durations.js'
import { isLocalDate, isRestTime, isTimeZone } from './local-dates.js'

// The values the score is made of. Each description names what is expected, and zod-issues.ts
// puts it in messages; checks that fail say what they found.

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, {
    error: (issue) =>
      `expected lower-case letters, digits and '-', like 'acme-dental', got '${String(issue.input)}'`,
  })
  .describe("an id like 'acme-dental'")

export const name = z.string().min(1, 'must not be empty').describe('a name')

export const timeZone = z
  .string()
  .refine(isTimeZone, {
    error: (issue) =>
      `unknown time zone '${String(issue.input)}'; expected an IANA name like 'America/Denver'`,
  })
  .describe("an IANA time zone like 'America/Denver'")

export const duration = z
  .union([z.string(), z.number()])
  .superRefine((value, ctx) => {
    try {
      parseDuration(value)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message })
    }
  })
  .describe(DURATION_FORMS)

export const share = z.number().min(0).max(1).describe('a share from 0 to 1, like 0.95')

export const cron = z.string().describe("a five-field cron expression like '0 6 * * *'")

export const localDate = z
  .string()
  .refine(isLocalDate, {
    error: (issue) => `expected a date like '2026-12-25', got '${String(issue.input)}'`,
  })
  .describe("a date like '2026-12-25'")

export const restTime = z
  .string()
  .refine(isRestTime, {
    error: (issue) =>
      `expected a date like '2026-12-24' or a date-time with offset like '2026-12-24T00:00:00-07:00', got '${String(issue.input)}'`,
  })
  .describe("a date like '2026-12-24' or a date-time with offset like '2026-12-24T00:00:00-07:00'")

const clockTime = z.string().describe("a clock time like '08:00'")
export const openingHours = z
  .array(z.tuple([clockTime, clockTime]).describe("an opening like ['08:00', '17:00']"))
  .describe("a list of opening hours like [['08:00', '17:00']]")

export const regularExpression = z
  .string()
  .refine(
    (text) => {
      try {
        new RegExp(text, 'i')
        return true
      } catch {
        return false
      }
    },
    { error: (issue) => `not a valid regular expression: '${String(issue.input)}'` },
  )
  .describe("a regular expression like 'monthly audit'")
