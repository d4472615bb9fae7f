import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ScoreError } from './score-error.js'
import { watchScore } from './watch-score.js'
import type { Score } from './score-schema.js'
import type { ScoreWatcher } from './watch-score.js'

const scoreNamed = (name: string) => `version: 1
organisations:
  - { id: acme, name: ${name}, tz: America/Denver }
teams: []
rhythms: []
`

describe('watchScore', () => {
  let directory: string
  let file: string
  let watcher: ScoreWatcher | undefined
  let changes: Score[]
  let errors: unknown[]

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'baton-score-'))
    file = join(directory, 'baton.score.yaml')
    await writeFile(file, scoreNamed('Acme Dental'))
    changes = []
    errors = []
    watcher = watchScore({
      file,
      onChange: (score) => changes.push(score),
      onError: (error) => errors.push(error),
    })
    await watcher.ready
  })

  afterEach(async () => {
    await watcher?.close()
    await rm(directory, { recursive: true, force: true })
  })

  const names = () => changes.map((score) => score.organisations[0]?.name)

  it('hands over the new score when the file is rewritten', async () => {
    await writeFile(file, scoreNamed('Acme Dental Group'))
    await vi.waitFor(() => expect(names()).toEqual(['Acme Dental Group']))
    expect(errors).toEqual([])
  })

  it('reports a broken rewrite as a ScoreError and hands over no score', async () => {
    await writeFile(file, scoreNamed('Acme').replace('tz: America/Denver', 'tz: Mars/Olympus'))
    await vi.waitFor(() => expect(errors).toHaveLength(1))
    expect(errors[0]).toBeInstanceOf(ScoreError)
    expect((errors[0] as ScoreError).issues[0]).toMatchObject({
      line: 3,
      path: 'organisations[0].tz',
    })
    expect(changes).toEqual([])
  })

  it('follows an editor that saves by renaming a new file over the score', async () => {
    for (const name of ['First save', 'Second save']) {
      await writeFile(`${file}.tmp`, scoreNamed(name))
      await rename(`${file}.tmp`, file)
      await vi.waitFor(() => expect(names().at(-1)).toBe(name))
    }
    expect(errors).toEqual([])
  })

  it('reloads once for a burst of writes, with the last version', async () => {
    for (const name of ['One', 'Two', 'Three']) await writeFile(file, scoreNamed(name))
    await vi.waitFor(() => expect(names()).toEqual(['Three']))
    await new Promise((settle) => setTimeout(settle, 300))
    expect(names()).toEqual(['Three'])
  })

  it('stops reporting once closed', async () => {
    await watcher?.close()
    await writeFile(file, scoreNamed('After close'))
    await new Promise((settle) => setTimeout(settle, 300))
    expect(changes).toEqual([])
    expect(errors).toEqual([])
  })
})
