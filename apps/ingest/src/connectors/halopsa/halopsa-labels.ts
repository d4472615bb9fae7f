import { lookupEntry } from './halopsa-api.js'

export type LabelKind = 'status' | 'priority' | 'type'

/**
 * Names for Halo's status, priority and ticket type ids, read from its lookups once per sync.
 * An id the lookup does not list reads as 'unknown'; without lookups the id itself is the label.
 */
export class HaloLabels {
  private constructor(private readonly names: Map<LabelKind, Map<number, string>> | undefined) {}

  /** Labels from the raw lookup lists; entries that are not `{ id | priorityid, name }` are left out. */
  static fromLookups(lists: Record<LabelKind, unknown>): HaloLabels {
    const names = new Map<LabelKind, Map<number, string>>()
    for (const kind of ['status', 'priority', 'type'] as const) {
      const byId = new Map<number, string>()
      for (const item of entriesOf(lists[kind])) {
        const entry = lookupEntry.safeParse(item)
        if (!entry.success) continue
        const id = kind === 'priority' ? (entry.data.priorityid ?? entry.data.id) : entry.data.id
        if (id !== undefined && !byId.has(id)) byId.set(id, entry.data.name)
      }
      names.set(kind, byId)
    }
    return new HaloLabels(names)
  }

  /** Without lookups (`labels: false`): the score names statuses and priorities by their id. */
  static ids(): HaloLabels {
    return new HaloLabels(undefined)
  }

  label(kind: LabelKind, id: number | null | undefined): string | null {
    if (id === null || id === undefined) return null
    if (this.names === undefined) return String(id)
    return this.names.get(kind)?.get(id) ?? 'unknown'
  }
}

/** Halo answers lookups with a bare array, or an object holding one. */
function entriesOf(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer
  if (typeof answer === 'object' && answer !== null) {
    return Object.values(answer).find(Array.isArray) ?? []
  }
  return []
}
