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
/** Where cues go: a signed JSON webhook, Slack or Microsoft Teams incoming webhooks, e-mail. */
export const CHANNEL_KINDS = ['webhook', 'slack', 'teams', 'email'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

/** How much a cue matters: back to tight is info; drifting or silent is a warning, critical for a critical rhythm. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** A reference to a secret: an environment variable or a stored (encrypted) secret. */
export type SecretReference = { env: string } | { secret: string }

export interface ScoreChannel {
  id: string
  kind: ChannelKind
  /** The receiver's address (not for e-mail); Slack and Teams webhook addresses are secrets. */
  url?: SecretReference
  /** E-mail recipients (e-mail only). */
  to?: string[]
  /** The HMAC-SHA256 key a webhook's signature is made with (webhooks only). */
  signingSecret?: SecretReference
  /** What it hears; an absent list hears all of that kind. */
  route: {
    teams?: string[]
    layers?: Layer[]
    organisations?: string[]
    severities?: Severity[]
  }
  /** A rhythm still drifting or silent is cued again this often; none: once per flip. */
  repeatMs?: number
  /** Cues due in these local hours wait until they end. */
  quietHours?: { from: string; to: string; tz: string }
  /** This many flips of one rhythm within the time is one 'flapping' cue, not one per flip. */
  flapping: { flips: number; withinMs: number }
}

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
  channels: ScoreChannel[]
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
