/** Where a rhythm's beats come from, as the score declares it (durations in ms). */
export type RhythmSource =
  | { kind: 'manual' }
  | { kind: 'backups'; integration?: string; roster?: boolean }
  | {
      kind: 'patches'
      activity: 'install' | 'scan' | 'fully-patched'
      integration?: string
      roster?: boolean
    }
  | {
      kind: 'tickets'
      measure: 'first-response' | 'resolution' | 'closed'
      integration?: string
      boards?: string[]
      priorities?: Record<string, number>
      types?: string[]
      summary?: string
    }

/** The parts of a rhythm that decide which records feed it. */
export interface RhythmFeed {
  id: string
  organisationId: string
  cadenceKind: 'schedule' | 'sla'
  source: RhythmSource
}

/** Whether the rhythm expects a beat from every device of its organisation. */
export function usesDeviceRoster(source: RhythmSource): boolean {
  return (source.kind === 'backups' || source.kind === 'patches') && source.roster !== false
}
