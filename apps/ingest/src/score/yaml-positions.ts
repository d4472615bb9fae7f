import { isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { Document, LineCounter, Node } from 'yaml'

export type PathSegment = string | number

export interface Position {
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
}

export interface Positions {
  /**
   * Where the node at `path` starts; with `key`, where its key starts (for an unknown key). A
   * path that does not exist, such as a missing field, falls back to its nearest existing parent.
   */
  at(path: readonly PathSegment[], options?: { key?: boolean }): Position
}

/** Maps paths in the parsed document back to lines and columns of the source. */
export function createPositions(doc: Document, lineCounter: LineCounter): Positions {
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  return {
    at(path, options = {}) {
      let node = resolve(doc, doc.contents)
      // The nearest existing node: an empty value (`settings:`) falls back to its key.
      let nearest: Node | null = node
      let keyNode: Node | undefined
      for (const segment of path) {
        const child = childOf(doc, node, segment)
        keyNode = child?.key
        if (!child) break
        node = child.value
        nearest = child.value ?? child.key ?? nearest
      }
      const target = options.key && keyNode ? keyNode : nearest
      return target?.range ? positionOf(target.range[0]) : { line: 1, column: 1 }
    },
  }
}

function childOf(
  doc: Document,
  node: Node | null,
  segment: PathSegment,
): { key?: Node; value: Node | null } | undefined {
  if (isMap(node)) {
    // Keys are compared as text: `1234: acme` has a number key, while zod's path holds '1234'.
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(segment),
    )
    if (!pair) return undefined
    return { key: pair.key as Node, value: resolve(doc, pair.value as Node | null) ?? null }
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined
    return item ? { value: resolve(doc, item) } : undefined
  }
  return undefined
}

function resolve(doc: Document, node: Node | null | undefined): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null
  return node ?? null
}

/** `rhythms[0].cadence.cron`, `calendars.acme-office.hours`, `organisations["1234"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      if (!/^[A-Za-z_][\w-]*$/.test(segment)) return `[${JSON.stringify(segment)}]`
      return index === 0 ? segment : `.${segment}`
    })
    .join('')
}

/** Splits an engine field such as `cadence.calendar.hours.mon[0]` into path segments. */
export function parseFieldPath(field: string): PathSegment[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(([, name, index]) =>
    index === undefined ? name! : Number(index),
  )
}
