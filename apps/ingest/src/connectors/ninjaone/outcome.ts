import { describeIssues, naturalKeyOf } from '../tickets/quarantine.js'
import { VendorTimeError, parseVendorTime } from '../vendor-time.js'
import type { QuarantinedRecord } from '../../records/types.js'
import type { z } from 'zod'

/** What became of one vendor record: stored, left out (outside the score), or quarantined. */
export type Outcome<R> =
  | { kind: 'record'; record: R }
  | { kind: 'skipped' }
  | { kind: 'quarantined'; quarantined: QuarantinedRecord }

export const SKIPPED = { kind: 'skipped' } as const

export function quarantine(
  kind: string,
  id: unknown,
  raw: unknown,
  reason: string,
): { kind: 'quarantined'; quarantined: QuarantinedRecord } {
  return {
    kind: 'quarantined',
    quarantined: { kind, naturalKey: naturalKeyOf(id, raw), reason, raw },
  }
}

/** A record that failed its schema, with the fields that failed as the reason. */
export function quarantineInvalid(
  kind: string,
  idField: string,
  raw: unknown,
  error: z.ZodError,
): { kind: 'quarantined'; quarantined: QuarantinedRecord } {
  const id =
    raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[idField] : undefined
  return quarantine(kind, id, raw, describeIssues(error))
}

/** The raw record as an object, for `raw` columns (a vendor array item is always one). */
export function rawObject(raw: unknown): object {
  return raw !== null && typeof raw === 'object' ? raw : { value: raw }
}

/** A vendor time, or null for none; an unreadable one throws a `VendorTimeError` naming `field`. */
export function readTime(value: unknown, field: string): number | null {
  try {
    return parseVendorTime(value)
  } catch (error) {
    if (error instanceof VendorTimeError) throw new VendorTimeError(`${field}: ${error.message}`)
    throw error
  }
}

/** Like `readTime`, for a time the record cannot do without. */
export function requireTime(value: unknown, field: string): number {
  const at = readTime(value, field)
  if (at === null) throw new VendorTimeError(`${field} is missing`)
  return at
}
