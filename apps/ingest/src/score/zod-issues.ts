import { z } from 'zod'

import type { PathIssue } from './score-error.js'

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping',
  record: 'a mapping',
}

/**
 * Zod error map for the score: says what was expected (a schema's description where it has one)
 * and what was found, in words a person editing YAML knows.
 */
export const describeZodIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = descriptionOf(issue.inst) ?? TYPE_NAMES[issue.expected] ?? issue.expected
      if (issue.input === undefined) return `required: expected ${expected}`
      return `expected ${expected}, got ${describeValue(issue.input)}`
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        const field = issue.discriminator
        const options = (issue.options as unknown[] | undefined) ?? []
        const found = (issue.input as Record<string, unknown> | null)?.[field]
        const expected = `${field} one of ${options.map(describeValue).join(', ')}`
        if (found === undefined) return `required: expected ${expected}`
        return `expected ${expected}, got ${describeValue(found)}`
      }
      const expected = descriptionOf(issue.inst) ?? 'one of the accepted forms'
      return `expected ${expected}, got ${describeValue(issue.input)}`
    }
    case 'invalid_value': {
      const values = issue.values.map(describeValue)
      const expected = values.length === 1 ? values[0] : `one of ${values.join(', ')}`
      if (issue.input === undefined) return `required: expected ${expected}`
      return `expected ${expected}, got ${describeValue(issue.input)}`
    }
    case 'too_small':
    case 'too_big': {
      const expected = descriptionOf(issue.inst) ?? descriptionOf(issue.schema)
      return expected && `expected ${expected}, got ${describeValue(issue.input)}`
    }
    case 'unrecognized_keys': {
      const known = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : []
      return `expected one of: ${known.join(', ')}`
    }
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'custom':
      // Their messages come from the schema, or zod's own say enough.
      return undefined
  }
}

/** Zod's issues as score issues: an unknown key becomes one issue per key, at that key. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): PathIssue[] {
  return issues.flatMap((issue): PathIssue[] => {
    const path = issue.path.map((segment) =>
      typeof segment === 'symbol' ? String(segment) : segment,
    )
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key '${key}' (${issue.message})`,
        atKey: true,
      }))
    }
    if (issue.code === 'invalid_key') {
      const reasons = issue.issues.map((inner) => inner.message).join('; ')
      return [{ path, message: `invalid name '${String(path.at(-1))}': ${reasons}`, atKey: true }]
    }
    return [{ path, message: issue.message }]
  })
}

function descriptionOf(inst: unknown): string | undefined {
  return inst instanceof z.ZodType ? inst.description : undefined
}

/** A value as it would read in a message: `'text'`, `42`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing'
  if (typeof value === 'string') return `'${value}'`
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}
