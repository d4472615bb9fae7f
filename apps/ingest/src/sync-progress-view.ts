import cliProgress from 'cli-progress'
import type { SyncProgress } from './connectors/sync-progress.js'

export type Output = NodeJS.WritableStream & { isTTY?: boolean }

export interface ProgressView {
  update(progress: SyncProgress): void
  stop(): void
}

// Without a terminal (CI, a log file) a line at most this often, and at each new stream.
const LINE_EVERY_MS = 1_000

/** A sync's progress on the terminal: a bar when the total is known, else a running count. */
export function createProgressView(output: Output): ProgressView {
  return output.isTTY ? barView(output) : lineView(output)
}

function describe(progress: SyncProgress): string {
  const count = progress.total === null ? `${progress.done}` : `${progress.done}/${progress.total}`
  return `${progress.stream ?? 'starting'}: ${count} records · ${progress.pages} pages`
}

function barView(output: Output): ProgressView {
  const bar = new cliProgress.SingleBar({
    stream: output,
    hideCursor: true,
    format: (options, params, payload: SyncProgress) => {
      const drawn =
        payload.total === null ? '' : `[${cliProgress.Format.BarFormat(params.progress, options)}] `
      return `${drawn}${describe(payload)}`
    },
  })
  let started = false
  return {
    update(progress) {
      const total = Math.max(progress.total ?? 0, progress.done, 1)
      if (!started) {
        bar.start(total, progress.done, progress)
        started = true
        return
      }
      bar.setTotal(total)
      bar.update(progress.done, progress)
    },
    stop() {
      if (started) bar.stop()
    },
  }
}

function lineView(output: Output): ProgressView {
  let lastAt = 0
  let lastStream: string | null = null
  return {
    update(progress) {
      const now = Date.now()
      if (progress.stream === lastStream && now - lastAt < LINE_EVERY_MS) return
      if (progress.stream === null) return
      lastAt = now
      lastStream = progress.stream
      output.write(`${describe(progress)}\n`)
    },
    stop() {},
  }
}
