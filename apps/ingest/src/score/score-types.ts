import type { BusinessCalendar, Cadence, Layer } from '@baton/cadence'

export const VENDORS = [
  'connectwise',
  'autotask',
  'halopsa',
  'ninjaone',
  'datto-rmm',
  'demo',
] as const
export type Vendor = (typeof VENDORS)[number]

export const OWNER_ROLES = [
  'musician',
  'section-leader',
  'concertmaster',
  'conductor',
  'composer',
] as const
export type OwnerRole = (typeof OWNER_ROLES)[number]

/** Who answers for a rhythm of each layer when the score names no owner (CADENCE.md). */
export const DEFAULT_OWNERS: Readonly<Record<Layer, OwnerRole>> = {
  note: 'musician',
  measure: 'musician',
  phrase: 'section-leader',
  section: 'concertmaster',
  movement: 'conductor',
  piece: 'conductor',
  portfolio: 'composer',
}

export const PATCH_ACTIVITIES = ['install', 'scan', 'fully-patched'] as const
export type PatchActivity = (typeof PATCH_ACTIVITIES)[number]

export const TICKET_MEASURES = ['first-response', 'resolution', 'closed'] as const
export type TicketMeasure = (typeof TICKET_MEASURES)[number]

/** A score after resolution: references checked, defaults filled, durations in milliseconds. */
export interface Score {
  /** The path the score was read from. */
  file: string
  version: 1
  organisations: ScoreOrganisation[]
  teams: ScoreTeam[]
  calendars: Record<string, BusinessCalendar>
  integrations: ScoreIntegration[]
  rests: ScoreRest[]
  tokens: ScoreToken[]
  rhythms: ScoreRhythm[]
}

export interface ScoreOrganisation {
  id: string
  name: string
  /** IANA zone, the default of its rhythms' cadences. */
  tz: string
  demo: boolean
}

export interface ScoreTeam {
  id: string
  name: string
  demo: boolean
}

export interface ScoreIntegration {
  id: string
  vendor: Vendor
  /** Five-field poll cron. */
  schedule: string
  /** With no successful sync for this long, its rhythms are silent. */
  freshnessMs: number
  /** Vendor organisation, company or site id -> Baton organisation id. */
  organisations: Record<string, string>
  settings: Record<string, unknown>
}

export interface ScoreRest {
  /** No key: the rest covers everything. */
  scope: { rhythm?: string; organisation?: string; team?: string }
  /** Epoch milliseconds, both ends inclusive. */
  from: number
  to: number
  reason?: string
}

export interface ScoreToken {
  scope: { organisation?: string; rhythm?: string }
  /** Lower-case hex SHA-256 of the token. */
  sha256?: string
  /** Name of the environment variable holding the token. */
  env?: string
}

export interface ScoreRhythm {
  id: string
  name: string
  layer: Layer
  team: string
  organisation: string
  owner: OwnerRole
  /** Durations in milliseconds, zone resolved, named calendar replaced by its definition. */
  cadence: Cadence
  target: number
  critical: boolean
  /** The score's own freshness, else its named integration's; unset for other sources. */
  freshnessMs?: number
  beatNoun?: string
  playerNoun?: string
  source: RhythmSource
  /** The line where this rhythm starts in the score, for later messages. */
  line: number
}

export type RhythmSource =
  | { kind: 'manual' }
  | { kind: 'backups'; integration?: string; roster: boolean }
  | { kind: 'patches'; activity: PatchActivity; integration?: string; roster: boolean }
  | {
      kind: 'tickets'
      measure: TicketMeasure
      integration?: string
      boards?: string[]
      /** Priority name -> SLA target in milliseconds. */
      priorities?: Record<string, number>
      types?: string[]
      /** Case-insensitive regular expression on the ticket summary. */
      summary?: string
    }
