import { readFile, writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestService } from '../../test/service.js'
import type { TestService } from '../../test/service.js'

const score = await readFile(new URL('../../test/scores/small.score.yaml', import.meta.url), 'utf8')

async function rhythmIds(service: TestService): Promise<string[]> {
  const body = (await (await service.request('/v1/rhythms')).json()) as {
    rhythms: Array<{ id: string }>
  }
  return body.rhythms.map((rhythm) => rhythm.id).sort()
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('editing the score of a running service', () => {
  let service: TestService
  beforeAll(async () => {
    service = await startTestService('pglite', { score })
  })
  afterAll(async () => {
    await service?.close()
  })

  it('picks up a valid edit without a restart', async () => {
    const added = score.replace(
      'rhythms:\n',
      `rhythms:
  - id: acme-dr-drill
    name: Acme DR drill
    layer: movement
    team: infrastructure
    organisation: acme
    cadence: { kind: schedule, cron: '0 9 15 */3 *', grace: 7d }
`,
    )
    await writeFile(service.scoreFile, added)
    await eventually(async () => (await rhythmIds(service)).includes('acme-dr-drill'))
    // The audit log says the score file changed it, and what; an owner reads it.
    const audit = (await (await service.request('/v1/audit')).json()) as {
      entries: Array<{ actor: string; action: string; target: string; details: object }>
    }
    expect(audit.entries[0]).toEqual({
      id: expect.any(String),
      at: expect.any(Number),
      actor: 'score-file',
      action: 'score.apply',
      target: service.scoreFile,
      details: {
        rhythmsChanged: ['acme-dr-drill'],
        rhythmsDeactivated: [],
        integrationsChanged: [],
        integrationsDeactivated: [],
      },
    })
  })

  it('keeps the running score when an edit is broken', async () => {
    const before = await rhythmIds(service)
    await writeFile(service.scoreFile, score.replace("cron: '0 6 * * *'", "cron: '0 61 * * *'"))
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await rhythmIds(service)).toEqual(before)
    expect(service.runtime.score().rhythms.map((r) => r.id)).toContain('acme-dr-drill')
  })
})
