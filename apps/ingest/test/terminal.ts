import { PassThrough } from 'node:stream'
import type { CliIo } from '../src/sync-command.js'

/** A command's standard streams, caught: what it printed to each, so far. */
export function terminal(env: NodeJS.ProcessEnv): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return { env, stdout, stderr, out: () => out, err: () => err }
}
