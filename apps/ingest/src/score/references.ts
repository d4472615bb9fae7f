import { formatPath } from './yaml-positions.js'
import type { PathIssue } from './score-error.js'
import type { PathSegment } from './yaml-positions.js'

/** One issue per repeated id, at the repeat, naming where the id was first used. */
export function checkUniqueIds(
  items: ReadonlyArray<{ id: string }>,
  at: readonly PathSegment[],
  lineOf: (path: readonly PathSegment[]) => number,
): PathIssue[] {
  const first = new Map<string, number>()
  return items.flatMap(({ id }, index): PathIssue[] => {
    const earlier = first.get(id)
    if (earlier === undefined) {
      first.set(id, index)
      return []
    }
    const original = [...at, earlier]
    return [
      {
        path: [...at, index, 'id'],
        message: `duplicate id '${id}': ${formatPath(original)} on line ${lineOf(original)} already uses it; ids must be unique`,
      },
    ]
  })
}

/** An issue when `id` names nothing of its kind, listing what the score does declare. */
export function checkReference(
  kind: 'organisation' | 'team' | 'calendar' | 'integration' | 'rhythm',
  id: string,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  path: readonly PathSegment[],
): PathIssue | undefined {
  if (known.has(id)) return undefined
  const names = [...known.keys()].map((name) => `'${name}'`)
  const expected =
    names.length === 0
      ? `the score declares no ${kind}s`
      : `expected one of the ${kind}s in the score: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`
  return { path, message: `unknown ${kind} '${id}'; ${expected}` }
}
