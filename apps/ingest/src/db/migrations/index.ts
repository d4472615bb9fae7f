import type { Migration } from 'kysely'
import * as initial from './2026-11-24T2230-initial.js'
import * as rhythmCreatedAt from './2026-11-24T2340-rhythm-created-at.js'

/** Every migration, by its frozen name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T2230-initial': initial,
  '2026-11-24T2340-rhythm-created-at': rhythmCreatedAt,
}
