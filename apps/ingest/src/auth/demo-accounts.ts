import { createAccessToken } from './access-tokens.js'
import { accountByEmail, createAccount } from './accounts.js'
import type { Db } from '../db/database.js'
import type { Role } from './roles.js'

/** The demo's one password: printed at start and on the sign-in page, labelled as demo. */
export const DEMO_PASSWORD = 'baton-demo'

/** One demo account per role, so each view can be tried as the person it is for. */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string
  name: string
  role: Role
  teams: string[]
}> = [
  { email: 'owner@demo.baton', name: 'Demo owner', role: 'owner', teams: [] },
  { email: 'conductor@demo.baton', name: 'Demo conductor', role: 'conductor', teams: [] },
  {
    email: 'lead@demo.baton',
    name: 'Demo service desk lead',
    role: 'section-leader',
    teams: ['service-desk'],
  },
  { email: 'viewer@demo.baton', name: 'Demo viewer', role: 'viewer', teams: ['infrastructure'] },
]

/**
 * The demo wall's kiosk token, well known like the demo password: `/wall?kiosk=…` and
 * `BATON_TOKEN=… baton health` work on the demo without signing in.
 */
export const DEMO_KIOSK_TOKEN = `bk_${'demo'.repeat(10)}abc`

/** Adds the demo accounts and kiosk token that are missing; never touches a real account. */
export async function ensureDemoAccounts(db: Db): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (await accountByEmail(db, account.email)) continue
    await createAccount(db, { ...account, password: DEMO_PASSWORD, demo: true })
  }
  const kiosk = await db
    .selectFrom('access_tokens')
    .select('id')
    .where('id', '=', 'kiosk_demo')
    .executeTakeFirst()
  if (kiosk) return
  const owner = await accountByEmail(db, DEMO_ACCOUNTS[0]!.email)
  await createAccessToken(db, {
    id: 'kiosk_demo',
    kind: 'kiosk',
    name: 'Demo wall (demo only)',
    role: 'viewer',
    teams: null,
    createdBy: owner!.id,
    secret: DEMO_KIOSK_TOKEN,
  })
}
