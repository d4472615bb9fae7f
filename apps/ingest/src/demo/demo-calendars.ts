import type { BusinessCalendar } from '@baton/cadence'

// The offices' opening hours, as the score's `calendars` declare them. Holidays are listed through
// 2027; later ones count as working days until someone adds them, as in a real score.

const hours = (...ranges: Array<[string, string]>) => ranges
const US_HOLIDAYS = [
  '2026-01-01',
  '2026-05-25',
  '2026-07-03',
  '2026-09-07',
  '2026-11-26',
  '2026-12-25',
  '2027-01-01',
  '2027-05-31',
  '2027-07-05',
  '2027-09-06',
  '2027-11-25',
  '2027-12-24',
]
const GERMAN_HOLIDAYS = [
  '2026-01-01',
  '2026-01-06',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-06-04',
  '2026-10-03',
  '2026-12-24',
  '2026-12-25',
  '2026-12-26',
  '2026-12-31',
  '2027-01-01',
  '2027-01-06',
]

export const ACME_OFFICE: BusinessCalendar = {
  tz: 'America/Denver',
  hours: weekdays(hours(['07:00', '17:00'])),
  holidays: US_HOLIDAYS,
}

export const HARLOW_OFFICE: BusinessCalendar = {
  tz: 'America/New_York',
  hours: weekdays(hours(['08:00', '18:00'])),
  holidays: US_HOLIDAYS,
}

/** Early shift and a short Friday: the office keeps the plant's hours. */
export const BRENNER_OFFICE: BusinessCalendar = {
  tz: 'Europe/Berlin',
  hours: { ...weekdays(hours(['07:00', '16:00'])), fri: hours(['07:00', '13:00']) },
  holidays: GERMAN_HOLIDAYS,
}

function weekdays(open: Array<[string, string]>): BusinessCalendar['hours'] {
  return { mon: open, tue: open, wed: open, thu: open, fri: open }
}
