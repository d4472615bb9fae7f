import type {
  BackupRunRecord,
  PatchRunRecord,
  SourceRecord,
  TicketRecord,
} from '../records/types.js'
import type { RhythmFeed, RhythmSource } from './rhythm-source.js'

export interface DerivedBeat {
  rhythmId: string
  at: number
  ok: boolean
  player: string | null
  key: string | null
  idempotencyKey: string
}

export interface DerivedTrigger {
  rhythmId: string
  key: string
  at: number
  targetMs: number | null
  player: string | null
}

/**
 * Turns one integration's records into the beats and SLA triggers of every rhythm they feed.
 * Pure, so re-deriving after a score change gives exactly what the first derivation gave.
 */
export function deriveBeats(
  integrationId: string,
  records: readonly SourceRecord[],
  feeds: readonly RhythmFeed[],
): { beats: DerivedBeat[]; triggers: DerivedTrigger[] } {
  const beats: DerivedBeat[] = []
  const triggers: DerivedTrigger[] = []
  for (const record of records) {
    if (record.kind === 'player') continue
    for (const feed of feeds) {
      if (feed.organisationId !== record.organisationId) continue
      const source = feed.source
      if ('integration' in source && source.integration && source.integration !== integrationId) {
        continue
      }
      const idempotencyKey = `${record.kind}:${integrationId}:${record.externalId}`
      if (record.kind === 'backup-run' && source.kind === 'backups') {
        beats.push(backupBeat(feed.id, record, idempotencyKey))
      } else if (record.kind === 'patch-run' && source.kind === 'patches') {
        if (record.activity === source.activity)
          beats.push(patchBeat(feed.id, record, idempotencyKey))
      } else if (record.kind === 'ticket' && source.kind === 'tickets') {
        if (!ticketMatches(record, source)) continue
        if (feed.cadenceKind === 'sla') triggers.push(ticketTrigger(feed.id, record, source))
        const beat = ticketBeat(feed, record, source, idempotencyKey)
        if (beat) beats.push(beat)
      }
    }
  }
  return { beats, triggers }
}

// A run that completed with warnings still produced a backup: it counts as played.
function backupBeat(rhythmId: string, run: BackupRunRecord, idempotencyKey: string): DerivedBeat {
  const ok = run.result === 'success' || run.result === 'warning'
  return { rhythmId, at: run.endedAt, ok, player: run.device, key: null, idempotencyKey }
}

function patchBeat(rhythmId: string, run: PatchRunRecord, idempotencyKey: string): DerivedBeat {
  const ok = run.result === 'success'
  return { rhythmId, at: run.at, ok, player: run.device, key: null, idempotencyKey }
}

type TicketSource = Extract<RhythmSource, { kind: 'tickets' }>

function ticketMatches(ticket: TicketRecord, source: TicketSource): boolean {
  if (source.boards && !source.boards.includes(ticket.board ?? '')) return false
  if (source.types && !source.types.includes(ticket.type ?? '')) return false
  if (source.summary && !new RegExp(source.summary, 'i').test(ticket.summary ?? '')) return false
  return true
}

function ticketTrigger(
  rhythmId: string,
  ticket: TicketRecord,
  source: TicketSource,
): DerivedTrigger {
  const targetMs = (ticket.priority !== null && source.priorities?.[ticket.priority]) || null
  return {
    rhythmId,
    key: ticket.externalId,
    at: ticket.createdAt,
    targetMs,
    player: ticket.assignee,
  }
}

function ticketBeat(
  feed: RhythmFeed,
  ticket: TicketRecord,
  source: TicketSource,
  recordKey: string,
): DerivedBeat | undefined {
  const at =
    source.measure === 'first-response'
      ? ticket.firstResponseAt
      : source.measure === 'resolution'
        ? ticket.resolvedAt
        : ticket.closedAt
  if (at === null) return undefined
  return {
    rhythmId: feed.id,
    at,
    ok: true,
    player: ticket.assignee,
    // An SLA beat answers its own ticket's slot; a schedule beat fills whichever slot is open.
    key: feed.cadenceKind === 'sla' ? ticket.externalId : null,
    idempotencyKey: `${recordKey}:${source.measure}`,
  }
}
