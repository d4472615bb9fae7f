import { sql } from 'kysely'
import type { Db } from '../database.js'
import type { RawBuilder } from 'kysely'

/**
 * How a column travels: as an array parameter of its own (`text`, `boolean`, `integer`), as epoch
 * milliseconds made a timestamptz in SQL (`timestamptz`), or, for JSON text, all rows' texts in
 * one parameter split by the record separator (`jsonText`, stored as text): a page's raw records
 * are megabytes, and inside a text array every quote in them would be escaped and unescaped again.
 */
export type ColumnKind = 'text' | 'boolean' | 'integer' | 'timestamptz' | 'jsonText'

export interface Column<Row> {
  name: string
  kind: ColumnKind
  value: (row: Row) => string | number | boolean | null
}

export interface UnnestUpsert<Row> {
  table: string
  /** Columns with the same value on every row (the integration, say). */
  fixed?: Record<string, string>
  columns: Column<Row>[]
  /** The natural key: a row with the same key is updated, not inserted again. */
  conflict: string[]
  /** The columns an update rewrites; `extraSet` adds SQL assignments (`stored_at = now()`). */
  update?: string[]
  extraSet?: RawBuilder<unknown>
  /** Only rows for which this holds are updated (and returned); the default updates every row. */
  changedWhen?: RawBuilder<boolean>
  /** What to return per inserted or updated row; `inserted` is always added. */
  returning?: string[]
}

// JSON text cannot hold U+001E unescaped: not inside a string (JSON.parse refuses control
// characters there), nor between values. So it splits one parameter into the rows' texts.
const RECORD_SEPARATOR = '\u001e'

/**
 * One `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE` for any number of rows: a dozen
 * array parameters in place of a statement with a placeholder per value, which PostgreSQL took
 * longer to parse and bind than to execute and which needed chunking under its 65,535 limit.
 * Rows must be unique by `conflict` (ON CONFLICT touches a row once per statement).
 */
export async function unnestUpsert<Row, Result = Record<string, unknown>>(
  db: Db,
  spec: UnnestUpsert<Row>,
  rows: readonly Row[],
): Promise<Array<Result & { inserted: boolean }>> {
  if (rows.length === 0) return []
  const fixed = Object.entries(spec.fixed ?? {})
  const names = [...fixed.map(([name]) => name), ...spec.columns.map((column) => column.name)]
  const arrays = spec.columns.map((column) => arrayParameter(column, rows))
  const selected = [
    ...fixed.map(([, value]) => sql`${value}`),
    ...spec.columns.map((column) => selectExpression(column)),
  ]
  const update = spec.update ?? []
  const assignments = [
    ...update.map((name) => sql`${sql.id(name)} = excluded.${sql.id(name)}`),
    ...(spec.extraSet ? [spec.extraSet] : []),
  ]
  const onConflict =
    assignments.length === 0
      ? sql`do nothing`
      : sql`do update set ${sql.join(assignments)}${spec.changedWhen ? sql` where ${spec.changedWhen}` : sql``}`
  const returning = [
    ...(spec.returning ?? []).map((name) => sql`${sql.ref(`${spec.table}.${name}`)}`),
    sql`xmax = 0 as inserted`,
  ]
  const query = sql<Result & { inserted: boolean }>`
    insert into ${sql.table(spec.table)} (${sql.join(names.map((name) => sql.id(name)))})
    select ${sql.join(selected)}
    from unnest(${sql.join(arrays)}) as u(${sql.join(spec.columns.map((column) => sql.id(column.name)))})
    on conflict (${sql.join(spec.conflict.map((name) => sql.id(name)))}) ${onConflict}
    returning ${sql.join(returning)}`
  const result = await query.execute(db)
  return result.rows
}

function arrayParameter<Row>(column: Column<Row>, rows: readonly Row[]): RawBuilder<unknown> {
  const values = rows.map(column.value)
  switch (column.kind) {
    case 'text':
      return sql`${values}::text[]`
    case 'boolean':
      return sql`${values}::boolean[]`
    case 'integer':
      return sql`${values}::bigint[]`
    case 'timestamptz':
      return sql`${values}::float8[]`
    case 'jsonText':
      return sql`string_to_array(${joinJsonTexts(column.name, values)}, chr(30))`
  }
}

function selectExpression<Row>(column: Column<Row>): RawBuilder<unknown> {
  const ref = sql.ref(`u.${column.name}`)
  switch (column.kind) {
    case 'timestamptz':
      // Epoch milliseconds as float8 are exact to the microsecond the column keeps.
      return sql`to_timestamp(${ref} / 1000.0)`
    case 'jsonText':
    case 'text':
    case 'boolean':
    case 'integer':
      return sql`${ref}`
  }
}

function joinJsonTexts(name: string, values: ReadonlyArray<unknown>): string {
  for (const [index, value] of values.entries()) {
    if (typeof value !== 'string' || value.includes(RECORD_SEPARATOR)) {
      throw new Error(`${name} of row ${index}: expected JSON text without U+001E`)
    }
  }
  return values.join(RECORD_SEPARATOR)
}
