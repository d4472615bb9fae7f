import type { EntityFields } from './autotask-api.js'

/** A picklist value the tenant's list does not hold: shown as such, never a crash. */
export const UNKNOWN = 'unknown'

/** Field name (lower-case) → picklist value → the tenant's label. */
export type Picklists = ReadonlyMap<string, ReadonlyMap<string, string>>

/**
 * The labels of every picklist field of an entity. Inactive values are kept: an old ticket may
 * still carry a status the tenant has since retired.
 */
export function picklistsOf(entity: EntityFields): Picklists {
  const lists = new Map<string, Map<string, string>>()
  for (const field of entity.fields) {
    if (!field.isPickList || !field.picklistValues) continue
    const labels = new Map<string, string>()
    for (const { value, label } of field.picklistValues) {
      if (label) labels.set(value, label)
    }
    lists.set(field.name.toLowerCase(), labels)
  }
  return lists
}

/** The label of a picklist value; null when the record has none, `UNKNOWN` when unlisted. */
export function labelOf(
  picklists: Picklists,
  field: string,
  value: string | number | null | undefined,
): string | null {
  if (value === null || value === undefined || value === '') return null
  return picklists.get(field.toLowerCase())?.get(String(value)) ?? UNKNOWN
}
