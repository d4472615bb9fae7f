import { spawn } from 'node:child_process'
import { once } from 'node:events'

/**
 * Runs SQL through `psql` and returns its unaligned output. The bench needs no driver of its
 * own this way, and the bulk statements run server-side, where they are fast.
 */
export async function psql(url: string, sql: string): Promise<string> {
  const child = spawn('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdin.end(sql)
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`psql failed (${code}): ${stderr.trim()}`)
  return stdout.trim()
}
