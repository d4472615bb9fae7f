const format = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' })

/** 'January' … 'December', as English speakers write them; index 0 is January. */
export const MONTH_NAMES: readonly string[] = Array.from({ length: 12 }, (_, month) =>
  format.format(Date.UTC(2000, month, 1)),
)
