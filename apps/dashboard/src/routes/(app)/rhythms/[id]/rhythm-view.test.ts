import { describe, expect, it } from 'vitest'
import { offBeatPlayers } from './off-beat-players.js'
import { takesCheckIns } from './rhythm-view.js'
import { describeSlot, timelineOf } from './slot-timeline.js'
import type { Slot } from '@baton/cadence'

const HOUR = 3_600_000
const DAY = 24 * HOUR

function slot(day: number, outcome: Slot['outcome'], extra: Partial<Slot> = {}): Slot {
  const due = day * DAY
  const offsetMs = outcome === 'on_time' ? -HOUR : outcome === 'late' ? HOUR : undefined
  return {
    open: due - DAY,
    due,
    deadline: due + 2 * HOUR,
    outcome,
    ...(offsetMs !== undefined && { offsetMs, beatAt: due + offsetMs }),
    ...extra,
  }
}

describe('timelineOf', () => {
  it('keeps the latest bars, oldest first', () => {
    const slots = Array.from({ length: 40 }, (_, day) => slot(day, 'on_time'))
    const bars = timelineOf(slots, 32)
    expect(bars).toHaveLength(32)
    expect(bars[0]!.due).toBe(8 * DAY)
    expect(bars[31]!.due).toBe(39 * DAY)
  })

  it('places a late beat by how far into its grace it came', () => {
    const [bar] = timelineOf([slot(1, 'late')])
    expect(bar).toMatchObject({ outcome: 'late', lateShare: 0.5, offsetMs: HOUR })
  })

  it("draws an ensemble's due time as its worst slot and names who was off", () => {
    const bars = timelineOf([
      slot(1, 'on_time', { player: 'DC01' }),
      slot(1, 'missed', { player: 'FS02' }),
      slot(1, 'late', { player: 'FS01' }),
    ])
    expect(bars).toHaveLength(1)
    expect(bars[0]).toMatchObject({ outcome: 'missed', players: 3, offBeat: ['FS02', 'FS01'] })
    expect(bars[0]!.tally).toEqual({ on_time: 1, missed: 1, late: 1 })
  })

  it("gives each of an SLA rhythm's tickets its own bar, even at the same due time", () => {
    const bars = timelineOf([slot(1, 'on_time', { key: 'T1' }), slot(1, 'late', { key: 'T2' })])
    expect(bars.map((bar) => bar.key)).toEqual(['T1', 'T2'])
  })

  it('says a bar in a sentence', () => {
    const [bar] = timelineOf([slot(1, 'late')])
    const text = describeSlot(
      bar!,
      (at) => `t${at / HOUR}`,
      (ms) => `${ms / HOUR} h late`,
    )
    expect(text).toBe('due t24: late (beat t25, 1 h late)')
  })
})

describe('offBeatPlayers', () => {
  it("lists an ensemble's players that drift or slipped, worst first, and counts them all", () => {
    const counts = {
      expected: 10,
      onTime: 10,
      late: 0,
      failed: 0,
      missed: 0,
      pending: 0,
      rest: 0,
      extra: 0,
    }
    const player = (name: string, state: 'tight' | 'drifting', adherence: number, missed = 0) => ({
      player: name,
      state,
      reasons:
        state === 'drifting' ? [{ code: 'last_missed' as const, message: `${name} missed` }] : [],
      counts: { ...counts, missed, onTime: 10 - missed },
      adherence,
      completion: adherence,
      lateness: null,
      trend: null,
    })
    const { players, known } = offBeatPlayers({
      slots: [],
      players: [
        player('DC01', 'tight', 1),
        player('FS01', 'tight', 0.9, 1),
        player('FS02', 'drifting', 0.8, 2),
      ],
    })
    expect(known).toBe(3)
    expect(players.map((entry) => entry.player)).toEqual(['FS02', 'FS01'])
    expect(players[0]).toMatchObject({ state: 'drifting', missed: 2, reason: 'FS02 missed' })
  })

  it("counts an SLA's technicians from the slots they played", () => {
    const { players, known } = offBeatPlayers({
      slots: [
        slot(1, 'on_time', { key: 'T1', player: 'Sam' }),
        slot(2, 'late', { key: 'T2', player: 'Sam' }),
        slot(3, 'on_time', { key: 'T3', player: 'Elena' }),
        slot(4, 'pending', { key: 'T4', player: 'Elena' }),
      ],
    })
    expect(known).toBe(2)
    expect(players).toEqual([
      expect.objectContaining({ player: 'Sam', expected: 2, late: 1, adherence: 0.5, state: null }),
    ])
  })
})

describe('takesCheckIns', () => {
  const rhythm = (kind: string) =>
    ({ rhythm: { source: { kind } } }) as unknown as Parameters<typeof takesCheckIns>[0]

  it('offers a check-in on a rhythm played by people or scripts', () => {
    expect(takesCheckIns(rhythm('manual'))).toBe(true)
  })

  it.each(['backups', 'patches', 'tickets'])('offers none where a connector feeds %s', (kind) => {
    expect(takesCheckIns(rhythm(kind))).toBe(false)
  })
})
