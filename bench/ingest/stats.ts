/** The value at or below which `p` percent of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US')
export const ms = (n: number) => `${n < 10 ? n.toFixed(1) : int(n)} ms`
export const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`
export const mb = (n: number | undefined) => (n === undefined ? 'n/a' : `${n.toFixed(0)} MB`)

/** One line per target, PASS or FAIL, with the figure it was judged on. */
export interface Verdict {
  target: string
  pass: boolean
  figure: string
}

export function verdict(
  target: string,
  value: number | undefined,
  limit: number,
  show: (n: number) => string,
  /** Whether the figure must stay below the limit (times, memory) or reach it (rates). */
  direction: 'below' | 'at least' = 'below',
): Verdict {
  const within = direction === 'below' ? (n: number) => n < limit : (n: number) => n >= limit
  const pass = value !== undefined && Number.isFinite(value) && within(value)
  const bound = direction === 'below' ? 'limit' : 'target'
  const figure = value === undefined ? 'not measured' : `${show(value)} (${bound} ${show(limit)})`
  return { target, pass, figure }
}

export function printVerdicts(verdicts: readonly Verdict[]): void {
  for (const { target, pass, figure } of verdicts) {
    console.log(`${pass ? 'PASS' : 'FAIL'}  ${target.padEnd(44)} ${figure}`)
  }
}
