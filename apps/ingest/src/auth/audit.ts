import type { Db } from '../db/database.js'

export interface AuditEntry {
  /** `account:<id>`, `cli`, `score-file`…: who did it. */
  actor: string
  /** What was done, as `thing.verb`: `account.create`, `token.revoke`, `score.reload`. */
  action: string
  /** What it was done to: an account, token or integration id, a score file. */
  target: string
  /** Never a secret: the fields that changed, a role, a reason. */
  details?: Record<string, unknown>
}

/** Appends to the audit log, in the caller's transaction when there is one. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute()
}
