import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from './setup.js'
import { int } from './stats.js'

interface CpuProfile {
  nodes: Array<{
    id: number
    hitCount?: number
    callFrame: { functionName: string; url: string; lineNumber: number }
  }>
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Prints the functions with the most self time in the `--cpu-prof` profiles written to `dir`. */
export async function printProfile(dir: string, top = 25): Promise<void> {
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile
    const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
    const selfUs = new Map<string, number>()
    profile.samples.forEach((id, i) => {
      const frame = frameOf.get(id)!
      const name = `${frame.functionName || '(anonymous)'}  ${where(frame.url, frame.lineNumber)}`
      selfUs.set(name, (selfUs.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0))
    })
    const totalUs = profile.endTime - profile.startTime
    console.log(`CPU profile ${join(dir, file)}: ${int(totalUs / 1000)} ms, top self time:`)
    for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      const share = ((100 * us) / totalUs).toFixed(1).padStart(5)
      console.log(`  ${int(us / 1000).padStart(7)} ms ${share}%  ${name}`)
    }
  }
}

// Shortens a script URL to its package and file: what a reader needs to find the function.
function where(url: string, line: number): string {
  if (!url) return ''
  const path = url.replace(/^file:\/\//, '')
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path)
  const short = inPackage ? `${inPackage[1]}/${inPackage[2]}` : path.replace(ROOT, '')
  return `${short}:${line + 1}`
}
