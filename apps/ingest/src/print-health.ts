import { humanDuration } from '@baton/cadence'
import { DEMO_KIOSK_TOKEN } from './auth/demo-accounts.js'

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

/**
 * Prints each layer's health and what drifts, from a running service's API, read with a kiosk or
 * API token (`BATON_TOKEN`): what that token may see.
 */
export async function printHealth(url: string, token: string | undefined): Promise<number> {
  if (!token) {
    console.error(
      'baton health reads the API with a token: set BATON_TOKEN to a kiosk or API token ' +
        `(POST /v1/tokens; the demo's is ${DEMO_KIOSK_TOKEN})`,
    )
    return 2
  }
  let body: LayersResponse
  try {
    const response = await fetch(new URL('/v1/layers', url), {
      headers: { authorization: `Bearer ${token}` },
    })
    if (response.status === 401) throw new Error('401: BATON_TOKEN is not a live token here')
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
