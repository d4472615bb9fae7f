import { Temporal } from 'temporal-polyfill'

export interface QuietHours {
  /** Local times like '22:00'; `from` after `to` spans midnight. */
  from: string
  to: string
  tz: string
}

/**
 * When the quiet hours around `at` end (epoch ms), or undefined when `at` is not in them. Local
 * wall times in the channel's zone: '22:00'–'07:00' is quiet from ten at night to seven in the
 * morning whatever the season, across daylight-saving changes.
 */
export function quietUntil(quiet: QuietHours, at: number): number | undefined {
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(quiet.tz)
  const minutes = local.hour * 60 + local.minute
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  const spansMidnight = from > to
  const inside = spansMidnight ? minutes >= from || minutes < to : minutes >= from && minutes < to
  if (!inside) return undefined
  // They end at `to` today, or tomorrow when they began this evening.
  const endDay =
    spansMidnight && minutes >= from ? local.toPlainDate().add({ days: 1 }) : local.toPlainDate()
  const [hour, minute] = quiet.to.split(':').map(Number) as [number, number]
  return endDay
    .toZonedDateTime({ timeZone: quiet.tz, plainTime: new Temporal.PlainTime(hour, minute) })
    .toInstant().epochMilliseconds
}

function minutesOf(clock: string): number {
  const [hour, minute] = clock.split(':').map(Number) as [number, number]
  return hour * 60 + minute
}
