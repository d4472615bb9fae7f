import { ApiError } from '../errors.js'
import { accountByEmail } from './accounts.js'
import { recordAudit } from './audit.js'
import type { Account, Db } from '../db/database.js'
import type { SignedOnIdentity } from './single-sign-on.js'

/**
 * The Baton account a single sign-on opens. Accounts are never made here: an owner adds each
 * person (and so chooses their role and teams) first. The first sign-in binds the account to the
 * provider's subject; from then on only that identity opens it, even if another identity later
 * claims the same address.
 */
export async function accountForIdentity(db: Db, identity: SignedOnIdentity): Promise<Account> {
  const bound = await db
    .selectFrom('accounts')
    .selectAll()
    .where('sso_subject', '=', identity.subject)
    .executeTakeFirst()
  if (!bound && !identity.email) {
    throw new ApiError(
      403,
      'sso_no_email',
      'the identity provider sent no e-mail address (claims email, preferred_username or upn)',
    )
  }
  const account = bound ?? (await accountByEmail(db, identity.email!))
  if (!account) {
    throw new ApiError(
      403,
      'sso_no_account',
      `there is no Baton account for ${identity.email}; an owner adds it first`,
    )
  }
  if (account.disabled_at !== null) {
    throw new ApiError(403, 'account_disabled', `the Baton account ${account.email} is disabled`)
  }
  if (account.sso_subject !== null && account.sso_subject !== identity.subject) {
    throw new ApiError(
      403,
      'sso_other_identity',
      `the Baton account ${account.email} belongs to another single sign-on identity`,
    )
  }
  if (account.sso_subject === null) {
    await db
      .updateTable('accounts')
      .set({ sso_subject: identity.subject })
      .where('id', '=', account.id)
      .where('sso_subject', 'is', null)
      .execute()
    await recordAudit(db, {
      actor: `account:${account.id}`,
      action: 'account.sso-link',
      target: account.id,
      details: { subject: identity.subject },
    })
  }
  return account
}
