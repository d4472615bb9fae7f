import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretCommand } from './secret-command.js'
import { terminal } from '../test/terminal.js'

describe('baton secret', () => {
  let dir: string
  const key = randomBytes(32).toString('base64')
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-secret-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores a secret, lists it without its value, and re-seals it with a new key', async () => {
    const set = terminal({
      BATON_DATA_DIR: dir,
      BATON_SECRET_KEY: key,
      BATON_SECRET_VALUE: 'v@lue-1',
    })
    expect(await secretCommand({ action: 'set', name: 'halo-secret', io: set })).toBe(0)
    expect(set.out()).toMatch(/^stored secret halo-secret \(key [0-9a-f]{8}\)\n$/)

    const list = terminal({ BATON_DATA_DIR: dir })
    expect(await secretCommand({ action: 'list', io: list })).toBe(0)
    expect(list.out()).toMatch(/^halo-secret {2}key [0-9a-f]{8} {2}\d{4}-/)
    expect(list.out()).not.toContain('v@lue-1')

    const next = randomBytes(32).toString('base64')
    const rotate = terminal({
      BATON_DATA_DIR: dir,
      BATON_SECRET_KEY: next,
      BATON_SECRET_KEY_PREVIOUS: key,
    })
    expect(await secretCommand({ action: 'rotate', io: rotate })).toBe(0)
    expect(rotate.out()).toMatch(/^re-sealed 1 secret\(s\) with key [0-9a-f]{8}\n$/)
  })

  it('needs a key, a proper name and a value', async () => {
    const keyless = terminal({ BATON_DATA_DIR: dir, BATON_SECRET_VALUE: 'x' })
    expect(await secretCommand({ action: 'set', name: 'a', io: keyless })).toBe(2)
    expect(keyless.err()).toContain('BATON_SECRET_KEY is not set')
    const badName = terminal({ BATON_DATA_DIR: dir, BATON_SECRET_KEY: key })
    expect(await secretCommand({ action: 'set', name: 'Bad Name', io: badName })).toBe(2)
    const wrongKey = terminal({ BATON_DATA_DIR: dir, BATON_SECRET_KEY: 'not-a-key' })
    expect(await secretCommand({ action: 'rotate', io: wrongKey })).toBe(2)
    expect(wrongKey.err()).toContain('expected 32 bytes in base64')
  })
})
