import { createHash } from 'node:crypto'
import type { z } from 'zod'

/** Why a vendor record failed its schema, naming the field: `company.id: expected number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`)
    .join('; ')
}

/**
 * The natural key of a quarantined record: its vendor id, or, without one, a hash of its JSON,
 * so the same broken record seen on every sync stays one quarantine row instead of many.
 */
export function naturalKeyOf(id: unknown, raw: unknown): string {
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) return String(id)
  const json = JSON.stringify(raw) ?? String(raw)
  return `sha256:${createHash('sha256').update(json).digest('hex').slice(0, 16)}`
}
