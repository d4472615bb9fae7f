import { dirname, resolve } from 'node:path'

import { watch } from 'chokidar'

import { loadScore } from './load-score.js'
import type { Score } from './score-schema.js'

export interface ScoreWatcher {
  /** Settles once the watcher is listening: changes before then are not seen. */
  ready: Promise<void>
  close(): Promise<void>
}

/**
 * Reloads the score whenever its file changes, then hands over the new score or the error. It
 * keeps nothing: a broken score only reaches `onError`, so the caller keeps its last good score.
 * It does not load the file when it starts; the caller loads it first with `loadScore`.
 */
export function watchScore({
  file,
  onChange,
  onError,
  debounceMs = 100,
}: {
  file: string
  onChange: (score: Score) => void
  onError: (error: unknown) => void
  /** Quiet time after the last event before reloading: editors save in several steps. */
  debounceMs?: number
}): ScoreWatcher {
  const path = resolve(file)
  const directory = dirname(path)
  // Watch the directory, not the file: editors that save by writing a new file and renaming it
  // over the old one replace the inode that a watch on the file itself would be following.
  const watcher = watch(directory, {
    depth: 0,
    ignoreInitial: true,
    ignored: (candidate) => candidate !== directory && candidate !== path,
  })
  let timer: NodeJS.Timeout | undefined
  let generation = 0
  let closed = false

  const reload = async (run: number) => {
    let score: Score
    try {
      score = await loadScore(file)
    } catch (error) {
      if (!closed && run === generation) onError(error)
      return
    }
    // A slower load of an earlier version must not overwrite a newer one.
    if (!closed && run === generation) onChange(score)
  }

  watcher.on('all', (_event, changed) => {
    if (changed !== path) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      void reload(++generation).catch(onError)
    }, debounceMs)
  })
  watcher.on('error', (error) => {
    if (!closed) onError(error)
  })
  const ready = new Promise<void>((settle) => watcher.once('ready', () => settle()))

  return {
    ready,
    async close() {
      closed = true
      clearTimeout(timer)
      await watcher.close()
    },
  }
}
