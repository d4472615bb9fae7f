import { humanDuration } from '@baton/cadence'

const MARKS = { tight: '●', drifting: '▲', silent: '○' } as const

interface LayersResponse {
  generatedAt: string
  demo: boolean
  overall: { tight: number; drifting: number; silent: number }
  layers: Array<{
    layer: string
    summary: { state: keyof typeof MARKS; tight: number; drifting: number; silent: number }
    drifting: Array<{ name: string; reason: string }>
  }>
}

/** Prints each layer's health and what drifts, from a running service's API. */
export async function printHealth(url: string): Promise<number> {
  let body: LayersResponse
  try {
    const response = await fetch(new URL('/v1/layers', url))
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`)
    body = (await response.json()) as LayersResponse
  } catch (error) {
    console.error(`cannot read ${url}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
  const age = Date.now() - Date.parse(body.generatedAt)
  console.log(`Baton at ${url}${body.demo ? ' — DEMO DATA' : ''} (as of ${humanDuration(age)} ago)`)
  console.log(
    `overall: ${body.overall.tight} tight, ${body.overall.drifting} drifting, ${body.overall.silent} silent\n`,
  )
  for (const { layer, summary, drifting } of body.layers) {
    if (summary.tight + summary.drifting + summary.silent === 0) continue
    const counts = `${summary.tight} tight · ${summary.drifting} drifting · ${summary.silent} silent`
    console.log(`${MARKS[summary.state]} ${layer.padEnd(10)} ${summary.state.padEnd(9)} ${counts}`)
    for (const rhythm of drifting) console.log(`    ▲ ${rhythm.name} — ${rhythm.reason}`)
  }
  return 0
}
