/**
 * Thrown for input the engine cannot evaluate. `field` is the path of the offending value
 * (e.g. `cadence.cron`, `input.beats[3].at`), so a caller can point a person at it.
 */
export class CadenceInputError extends Error {
  override readonly name = 'CadenceInputError'

  constructor(
    readonly field: string,
    readonly value: unknown,
    problem: string,
  ) {
    super(`${field}: ${problem} (got ${describeValue(value)})`)
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return 'undefined'
  try {
    const json = JSON.stringify(value)
    return json.length > 80 ? `${json.slice(0, 77)}...` : json
  } catch {
    return String(value)
  }
}
