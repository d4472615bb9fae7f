import { localEpochDay, localTimeToEpoch } from '@baton/cadence'

export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** The local calendar day of `at` in `tz`, counted in days since 1970-01-01. */
export function localDayOf(at: number, tz: string): number {
  return localEpochDay(tz, at)
}

/**
 * The instant a local wall time occurs in `tz`, by the engine's own rule: a time skipped by a
 * spring-forward gap lands after the gap; a repeated one takes its first occurrence.
 */
export function zonedTime(tz: string, day: number, minuteOfDay: number): number {
  return localTimeToEpoch(tz, day, minuteOfDay)
}

export interface CivilDay {
  year: number
  month: number
  day: number
  /** 0 = Sunday … 6 = Saturday, as cron counts them. */
  weekday: number
}

export function civilDay(day: number): CivilDay {
  const date = new Date(day * DAY)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  }
}

/** `20261124`: the date part of demo ids. */
export function dayKey(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', '')
}

/** `2026-11-24`: the form holidays are written in. */
export function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}
