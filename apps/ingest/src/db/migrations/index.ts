import type { Migration } from 'kysely'
import * as initial from './2026-11-24T2230-initial.js'
import * as rhythmCreatedAt from './2026-11-24T2340-rhythm-created-at.js'
import * as rawAsText from './2026-11-25T0100-raw-as-text.js'
import * as accounts from './2026-11-25T1200-accounts.js'
import * as secrets from './2026-11-25T1300-secrets.js'
import * as singleSignOn from './2026-11-25T1400-single-sign-on.js'
import * as cues from './2026-11-25T1500-cues.js'

/** Every migration, by its frozen name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T2230-initial': initial,
  '2026-11-24T2340-rhythm-created-at': rhythmCreatedAt,
  '2026-11-25T0100-raw-as-text': rawAsText,
  '2026-11-25T1200-accounts': accounts,
  '2026-11-25T1300-secrets': secrets,
  '2026-11-25T1400-single-sign-on': singleSignOn,
  '2026-11-25T1500-cues': cues,
}
