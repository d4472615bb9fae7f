/** Splits rows for multi-row inserts (PostgreSQL takes at most 65,535 parameters a statement). */
export function chunks<T>(rows: readonly T[], size = 500): T[][] {
  const result: T[][] = []
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size))
  return result
}

/**
 * Keeps the last row for each key: ON CONFLICT DO UPDATE refuses to touch one row twice in a
 * statement, and a page may carry the same record twice.
 */
export function lastByKey<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [keyOf(row), row])).values()]
}
