import type {
  Beat,
  BusinessCalendar,
  EvaluationInput,
  EvaluationRange,
  RhythmSpec,
  Trigger,
} from '@baton/cadence'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** One rhythm to evaluate, with everything `evaluate` needs. */
export interface Work {
  rhythm: RhythmSpec
  input: EvaluationInput
  range: EvaluationRange
}

const CRONS = [
  '0 6 * * *',
  '30 2 * * *',
  '0 23 * * *',
  '15 4 * * 1-5',
  '0 1 * * *',
  '45 5 * * *',
  '0 7 * * 1-5',
  '30 22 * * *',
  '0 3 * * *',
  '0 12 * * *',
]
const ZONES = ['UTC', 'America/New_York', 'America/Denver', 'Europe/Berlin', 'Australia/Sydney']
const GRACE = 2 * HOUR

const OPEN: Array<[string, string]> = [['08:00', '17:00']]
const CALENDAR: BusinessCalendar = {
  tz: 'America/New_York',
  hours: { mon: OPEN, tue: OPEN, wed: OPEN, thu: OPEN, fri: OPEN },
  holidays: ['2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26'],
}

/** mulberry32: tiny, fast and seeded, so every run evaluates the very same inputs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// The bench finds due times on its own (Intl, not the engine), so beats can fall around them while
// the engine stays untouched until the clock starts.
const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  ...{ year: 'numeric', month: 'numeric', day: 'numeric' },
  ...{ hour: 'numeric', minute: 'numeric', second: 'numeric' },
}

/** The zone's UTC offset at instant `at`. */
function offsetAt(format: Intl.DateTimeFormat, at: number): number {
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]))
  return (
    Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) -
    Math.floor(at / 1000) * 1000
  )
}

/** A local wall time to an instant. DST as CADENCE.md: a gap shifts forward, a repeat fires first. */
function localToInstant(format: Intl.DateTimeFormat, wall: number): number {
  const before = wall - offsetAt(format, wall - DAY)
  const after = wall - offsetAt(format, wall + DAY)
  const exists = [before, after].filter((at) => at + offsetAt(format, at) === wall)
  return exists.length > 0 ? Math.min(...exists) : before
}

/** The due times of a daily or weekday cron in a zone, computed once per pair (not per rhythm). */
function dueTimes(cron: string, tz: string, from: number, now: number): number[] {
  const [minute, hour, , , weekdays] = cron.split(' ')
  const format = new Intl.DateTimeFormat('en-US', { ...WALL_CLOCK, timeZone: tz })
  const dues: number[] = []
  for (let day = Math.floor(from / DAY) * DAY - DAY; day <= now + DAY; day += DAY) {
    const weekday = new Date(day).getUTCDay()
    if (weekdays === '1-5' && (weekday === 0 || weekday === 6)) continue
    const due = localToInstant(format, day + Number(hour) * HOUR + Number(minute) * MINUTE)
    if (due >= from && due <= now) dues.push(due)
  }
  return dues
}

// Most rhythms are steady, one in ten is flaky: the odds per slot; what is left is missed.
const STEADY = { onTime: 0.98, late: 0.01, failed: 0.006 }
const FLAKY = { onTime: 0.8, late: 0.08, failed: 0.06 }

/** A night's beats: mostly early, some late within grace, some failed (a third retried), some none. */
function scheduleBeats(dues: number[], random: () => number, drifting: boolean): Beat[] {
  const { onTime, late, failed } = random() < 0.1 ? FLAKY : STEADY
  const beats: Beat[] = []
  dues.forEach((due, k) => {
    const fromEnd = dues.length - k
    const roll = random()
    if (drifting && fromEnd <= 12) {
      // Finishing 10 min later each night: on time for a while, then late, as trend_late predicts.
      beats.push({ at: due - 60 * MINUTE + (12 - fromEnd) * 10 * MINUTE, ok: true })
    } else if (roll < onTime) {
      beats.push({ at: due - (10 + random() * 170) * MINUTE, ok: true })
    } else if (roll < onTime + late) {
      beats.push({ at: due + random() * GRACE, ok: true })
    } else if (roll < onTime + late + failed) {
      beats.push({ at: due - random() * HOUR, ok: false })
      if (random() < 0.33) beats.push({ at: due + random() * GRACE, ok: true })
    }
  })
  return beats
}

/** 10,000 daily rhythms over the 50 cron/zone pairs, a few resting or stale for variety. */
export function scheduleWork(count: number, from: number, now: number, seed: number): Work[] {
  const random = mulberry32(seed)
  const pairs = CRONS.flatMap((cron) => ZONES.map((tz) => ({ cron, tz })))
  const dues = pairs.map(({ cron, tz }) => dueTimes(cron, tz, from - DAY, now + DAY))
  return Array.from({ length: count }, (_, i) => {
    const { cron, tz } = pairs[i % pairs.length]!
    const freezeAt = from + Math.floor(random() * 85) * DAY
    const rhythm: RhythmSpec = {
      id: `backup-${i}`,
      layer: 'measure',
      // A fresh cadence object per rhythm, as rows from a database would be: no free identity cache.
      cadence: { kind: 'schedule', cron, tz, graceMs: GRACE },
      rests: random() < 0.03 ? [{ from: freezeAt, to: freezeAt + 3 * DAY }] : undefined,
    }
    const beats = scheduleBeats(dues[i % pairs.length]!, random, random() < 0.05)
    const range: EvaluationRange = { from, now, signal: random() < 0.005 ? 'stale' : 'live' }
    return { rhythm, input: { beats: beats.filter((b) => b.at <= now) }, range }
  })
}

/** A first response: mostly within hours, some overnight, a few days later, some never. */
function responseDelay(random: () => number): number | undefined {
  const roll = random()
  if (roll < 0.8) return (5 + random() * 115) * MINUTE
  if (roll < 0.92) return (2 + random() * 18) * HOUR
  if (roll < 0.97) return (1 + random() * 2) * DAY
  return undefined
}

/** SLA rhythms of tickets on a New York business calendar, triggers spread over the range. */
export function slaWork(count: number, tickets: number, from: number, now: number, seed: number) {
  const random = mulberry32(seed)
  return Array.from({ length: count }, (_, r): Work => {
    const triggers: Trigger[] = []
    const beats: Beat[] = []
    for (let t = 0; t < tickets; t++) {
      const key = `T${r}-${t}`
      const at = from + Math.floor(random() * (now - from))
      triggers.push({ key, at })
      const delay = responseDelay(random)
      if (delay === undefined) continue
      // Now and then an automatic reply that does not count, and a reply to some other ticket.
      if (random() < 0.03) beats.push({ at: at + 1 * MINUTE, ok: false, key })
      beats.push({ at: at + delay, ok: true, key: random() < 0.01 ? `X${r}-${t}` : key })
    }
    triggers.sort((a, b) => a.at - b.at)
    beats.sort((a, b) => a.at - b.at)
    const rhythm: RhythmSpec = {
      id: `first-response-${r}`,
      layer: 'note',
      cadence: { kind: 'sla', targetMs: 4 * HOUR, graceMs: HOUR, calendar: CALENDAR },
    }
    return {
      rhythm,
      input: { beats: beats.filter((b) => b.at <= now), triggers },
      range: { from, now },
    }
  })
}
