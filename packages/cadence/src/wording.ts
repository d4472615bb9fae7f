import { compileSchedule, typicalGapOf } from './schedule.js'
import { DAY, HOUR, MINUTE } from './zoned-time.js'
import type { Cadence, RhythmSpec } from './types.js'

/** The words a rhythm's sentences use for its beats, its period and its players. */
export interface Wording {
  beats: string
  beat: string
  period: string
  periods: string
  players: string
  tz?: string
}

const PERIODS: Array<{ name: string; adjective: string; from: number; to: number }> = [
  { name: 'hour', adjective: 'hourly', from: 50 * MINUTE, to: 70 * MINUTE },
  { name: 'day', adjective: 'daily', from: 20 * HOUR, to: 28 * HOUR },
  { name: 'week', adjective: 'weekly', from: 6 * DAY, to: 8 * DAY },
  { name: 'month', adjective: 'monthly', from: 27 * DAY, to: 32 * DAY },
  { name: 'quarter', adjective: 'quarterly', from: 85 * DAY, to: 95 * DAY },
  { name: 'year', adjective: 'yearly', from: 360 * DAY, to: 370 * DAY },
]

/** Chooses the words from the rhythm's own nouns, else from the typical gap between its dues. */
export function wordingFor(rhythm: RhythmSpec, typicalGapMs: number | undefined): Wording {
  const players = rhythm.playerNoun ?? 'players'
  const tz = tzOf(rhythm.cadence)
  if (rhythm.cadence.kind === 'sla') {
    const beats = rhythm.beatNoun ?? 'responses'
    return { beats, beat: singular(beats), period: singular(beats), periods: beats, players, tz }
  }
  const period = PERIODS.find(
    (p) => typicalGapMs !== undefined && typicalGapMs >= p.from && typicalGapMs <= p.to,
  )
  const beats = rhythm.beatNoun ?? (period ? `${period.adjective} beats` : 'beats')
  const periodName = period?.name ?? 'beat'
  return {
    beats,
    beat: singular(beats),
    period: periodName,
    periods: `${periodName}s`,
    players,
    tz,
  }
}

function tzOf(cadence: Cadence): string | undefined {
  return cadence.kind === 'schedule' ? cadence.tz : cadence.calendar?.tz
}

function singular(noun: string): string {
  return noun.endsWith('s') ? noun.slice(0, -1) : noun
}

/** Durations as people say them: "45 s", "12 min", "1 h 30 min", "3 days". */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < MINUTE) return `${Math.round(abs / 1000)} s`
  if (abs < 90 * MINUTE) return `${Math.round(abs / MINUTE)} min`
  if (abs < 36 * HOUR) {
    const totalMinutes = Math.round(abs / MINUTE)
    const hours = Math.floor(totalMinutes / 60)
    const minutes = totalMinutes % 60
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`
  }
  const days = Math.round(abs / DAY)
  return days === 1 ? '1 day' : `${days} days`
}

/**
 * A share as a whole percentage; with one decimal when rounding would make it look equal to
 * the target it falls short of ("94.6% < 95% target", not "95% < 95% target").
 */
export function percent(share: number, target?: number): string {
  const whole = Math.round(share * 100)
  if (target !== undefined && share < target && whole >= Math.round(target * 100)) {
    return `${(Math.floor(share * 1000) / 10).toFixed(1)}%`
  }
  return `${whole}%`
}

const dueFormats = new Map<string, Intl.DateTimeFormat>()

/** A due time in the rhythm's own zone, naming the zone: "Mon 23 Nov, 06:00 America/Denver". */
export function formatDue(at: number, tz = 'UTC'): string {
  let format = dueFormats.get(tz)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    dueFormats.set(tz, format)
  }
  return `${format.format(at)} ${tz}`
}

/** "FS01, FS02, FS03" or, past five, "FS01, …, FS05 and 37 more". */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ')
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`
}

/** What a rhythm's beats are called in sentences: 'nightly backups', 'weekly beats', 'responses'. */
export function beatNounOf(rhythm: RhythmSpec): string {
  const gap =
    rhythm.cadence.kind === 'schedule' ? typicalGapOf(compileSchedule(rhythm.cadence)) : undefined
  return wordingFor(rhythm, gap).beats
}
