import { RawJson } from '../../records/raw-json.js'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/**
 * Splits a JSON array into the texts of its elements, so a record's raw JSON is stored as the
 * vendor sent it instead of being serialised again, and each element is parsed only when it is
 * mapped (a page of parsed tickets kept alive at once cost more in garbage collection than the
 * parsing). Checks the array's structure, not its elements: `parseElement` does, one by one.
 * Throws a SyntaxError that says where the text stops being an array.
 */
export function jsonArrayElements(text: string): RawJson[] {
  const elements: RawJson[] = []
  let at = skipSpace(text, 0)
  if (text.charCodeAt(at) !== OPEN_BRACKET) {
    throw new SyntaxError(`expected a JSON array, found ${describe(text, at)}`)
  }
  at = skipSpace(text, at + 1)
  if (text.charCodeAt(at) === CLOSE_BRACKET) return expectEnd(text, at + 1, elements)
  for (;;) {
    const end = endOfValue(text, at)
    if (end === at) throw new SyntaxError(`expected a value at ${at}, found ${describe(text, at)}`)
    elements.push(new RawJson(text.slice(at, end)))
    at = skipSpace(text, end)
    const next = text.charCodeAt(at)
    if (next === CLOSE_BRACKET) return expectEnd(text, at + 1, elements)
    if (next !== COMMA) {
      throw new SyntaxError(`expected , or ] at ${at}, found ${describe(text, at)}`)
    }
    at = skipSpace(text, at + 1)
  }
}

/** Parses one element `jsonArrayElements` split off; a broken one says why, for quarantine. */
export function parseElement(
  element: RawJson,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(element.text) as unknown }
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` }
  }
}

/** Where the value starting at `start` ends: its closing bracket, or the end of a literal. */
function endOfValue(text: string, start: number): number {
  let depth = 0
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code === QUOTE) {
      at = endOfString(text, at)
      if (depth === 0) return at + 1
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === 0) return at
      if (--depth === 0) return at + 1
    } else if (depth === 0 && (code === COMMA || isSpace(code))) {
      return at
    }
  }
  if (depth > 0) throw new SyntaxError(`unterminated array element starting at ${start}`)
  return text.length
}

/** The index of the quote closing the string that opens at `open` (strings are most of the text). */
function endOfString(text: string, open: number): number {
  let at = open
  for (;;) {
    at = text.indexOf('"', at + 1)
    if (at < 0) throw new SyntaxError(`unterminated string starting at ${open}`)
    let backslashes = 0
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return at
  }
}

function expectEnd(text: string, at: number, elements: RawJson[]): RawJson[] {
  const end = skipSpace(text, at)
  if (end !== text.length) {
    throw new SyntaxError(`unexpected ${describe(text, end)} after the array at ${end}`)
  }
  return elements
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++
  return at
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'the end of the text' : JSON.stringify(text.slice(at, at + 12))
}
