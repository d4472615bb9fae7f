import type { Evaluation, RhythmState } from '@baton/cadence'

/** A player (device, technician) whose beats are off: late, missed or failed. */
export interface OffBeatPlayer {
  player: string
  /** Its own state, when the rhythm judges each player (an ensemble); null otherwise. */
  state: RhythmState | null
  adherence: number | null
  expected: number
  late: number
  missed: number
  failed: number
  reason: string | null
}

const STATE_RANK: Record<RhythmState, number> = { drifting: 0, silent: 1, tight: 2 }

/**
 * Who is off the beat, worst first. An ensemble judges each player; otherwise (an SLA's
 * technicians) the players are counted from the slots they played.
 */
export function offBeatPlayers(evaluation: Pick<Evaluation, 'slots' | 'players'>): {
  players: OffBeatPlayer[]
  known: number
} {
  if (evaluation.players) {
    const players = evaluation.players
      .map((player) => ({
        player: player.player,
        state: player.state,
        adherence: player.adherence,
        expected: player.counts.expected,
        late: player.counts.late,
        missed: player.counts.missed,
        failed: player.counts.failed,
        reason: player.reasons[0]?.message ?? null,
      }))
      .filter((player) => player.state !== 'tight' || offCount(player) > 0)
      .sort(
        (a, b) =>
          STATE_RANK[a.state] - STATE_RANK[b.state] ||
          (a.adherence ?? 1) - (b.adherence ?? 1) ||
          a.player.localeCompare(b.player),
      )
    return { players, known: evaluation.players.length }
  }
  const byPlayer = new Map<string, OffBeatPlayer>()
  for (const slot of evaluation.slots) {
    if (slot.player === undefined || slot.outcome === 'pending' || slot.outcome === 'rest') continue
    const entry = byPlayer.get(slot.player) ?? {
      player: slot.player,
      state: null,
      adherence: null,
      expected: 0,
      late: 0,
      missed: 0,
      failed: 0,
      reason: null,
    }
    entry.expected++
    if (slot.outcome !== 'on_time') entry[slot.outcome]++
    byPlayer.set(slot.player, entry)
  }
  const players = [...byPlayer.values()]
    .map((entry) => ({ ...entry, adherence: (entry.expected - offCount(entry)) / entry.expected }))
    .filter((entry) => offCount(entry) > 0)
    .sort(
      (a, b) =>
        a.adherence - b.adherence || offCount(b) - offCount(a) || a.player.localeCompare(b.player),
    )
  return { players, known: byPlayer.size }
}

function offCount(player: Pick<OffBeatPlayer, 'late' | 'missed' | 'failed'>): number {
  return player.late + player.missed + player.failed
}
