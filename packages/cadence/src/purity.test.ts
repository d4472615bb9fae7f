import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
// Linted as if it were this engine source file; its text is replaced, the file is untouched.
const enginePath = fileURLToPath(new URL('./summarize.ts', import.meta.url))

async function lintAsEngineSource(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintText(code, { filePath: enginePath })
  return result!.messages.map((message) => message.message)
}

describe('the engine purity lint rule', () => {
  it.each([
    ["import { readFileSync } from 'node:fs'\nexport const read = readFileSync", 'no Node I/O'],
    ["import pg from 'pg'\nexport const db = pg", 'no I/O, database or HTTP'],
    ['export const at = Date.now()', 'the engine has no clock'],
    ['export const at = new Date()', 'the engine has no clock'],
  ])('rejects %j', async (code, complaint) => {
    const messages = await lintAsEngineSource(code)
    expect(messages.some((message) => message.includes(complaint))).toBe(true)
  })

  it('accepts a date built from a given time', async () => {
    expect(
      await lintAsEngineSource('export const day = (at: number) => new Date(at).getUTCDay()\n'),
    ).toEqual([])
  })
})
