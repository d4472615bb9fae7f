import { LAYERS } from '@baton/cadence'
import { describe, expect, it } from 'vitest'
import { DEMO_INTEGRATIONS, DEMO_ORGANISATIONS, LEGACY_RMM, PSA, SCHEDULES } from './demo-cast.js'
import { HEARTBEAT_RHYTHMS, HEARTBEAT_SCHEDULE } from './demo-heartbeats.js'
import { MANUAL_RHYTHMS } from './demo-manual-rhythms.js'
import { demoScore } from './test-support/demo-score.js'
import type { ScoreRhythm } from '../score/score-schema.js'

const score = demoScore()
const rhythm = (id: string): ScoreRhythm => {
  const found = score.rhythms.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`the demo score has no rhythm '${id}'`)
  return found
}

describe('demo.score.yaml', () => {
  it('parses with the score loader', () => {
    expect(score.version).toBe(1)
  })

  it('holds 3 organisations, 4 teams and 40–60 rhythms, all of them demo', () => {
    expect(score.organisations).toHaveLength(3)
    expect(score.teams).toHaveLength(4)
    expect(score.rhythms.length).toBeGreaterThanOrEqual(40)
    expect(score.rhythms.length).toBeLessThanOrEqual(60)
    expect(score.organisations.every((organisation) => organisation.demo)).toBe(true)
    expect(score.teams.every((team) => team.demo)).toBe(true)
    expect(score.integrations.every((integration) => integration.vendor === 'demo')).toBe(true)
  })

  it('plays every layer, and every source kind', () => {
    expect(new Set(score.rhythms.map((r) => r.layer))).toEqual(new Set(LAYERS))
    const kinds = new Set(score.rhythms.map((r) => r.source.kind))
    expect(kinds).toEqual(new Set(['backups', 'patches', 'tickets', 'manual']))
  })

  it('declares the organisations, calendars and integrations the ensemble plays', () => {
    for (const organisation of DEMO_ORGANISATIONS) {
      const declared = score.organisations.find((candidate) => candidate.id === organisation.id)
      expect(declared).toMatchObject({ name: organisation.name, tz: organisation.tz })
      expect(score.calendars[`${organisation.id}-office`]).toEqual(organisation.calendar)
    }
    expect(score.integrations.map((integration) => integration.id).sort()).toEqual(
      DEMO_INTEGRATIONS.map((integration) => integration.id).sort(),
    )
  })

  it('gives each record-fed rhythm the due times the ensemble plays around', () => {
    for (const organisation of DEMO_ORGANISATIONS) {
      const expected = [
        ['nightly-backups', SCHEDULES.nightlyBackups, 'backups', organisation.rmm],
        ['patch-scan', SCHEDULES.patchScan, 'patches', organisation.rmm],
        ['patch-deployment', SCHEDULES.patchDeployment, 'patches', organisation.rmm],
        ['patch-compliance', SCHEDULES.patchCompliance, 'patches', organisation.rmm],
        ['security-audit', SCHEDULES.securityAudit, 'tickets', PSA],
      ] as const
      for (const [name, schedule, kind, integration] of expected) {
        const declared = rhythm(`${organisation.id}-${name}`)
        expect(declared.cadence).toMatchObject({
          kind: 'schedule',
          ...schedule,
          tz: organisation.tz,
        })
        expect(declared.source).toMatchObject({ kind, integration })
      }
    }
    for (const id of ['harlow-dms-backups', 'harlow-dms-patch-scan']) {
      expect(rhythm(id).source).toMatchObject({ integration: LEGACY_RMM, roster: false })
    }
  })

  it('gives each SLA rhythm the per-priority targets the ensemble answers to', () => {
    for (const organisation of DEMO_ORGANISATIONS) {
      const firstResponse = rhythm(`${organisation.id}-first-response`)
      expect(firstResponse.source).toMatchObject({ priorities: organisation.firstResponse })
      expect(firstResponse.cadence).toMatchObject({ kind: 'sla', calendar: organisation.calendar })
      const resolution = rhythm(`${organisation.id}-resolution`)
      expect(resolution.source).toMatchObject({ priorities: organisation.resolution })
    }
  })

  it('lists exactly the manual rhythms the ensemble checks in, with the same cron and grace', () => {
    const manual = score.rhythms.filter((candidate) => candidate.source.kind === 'manual')
    const checkedIn = [...MANUAL_RHYTHMS, ...HEARTBEAT_RHYTHMS].map((r) => r.rhythmId)
    expect(manual.map((r) => r.id).sort()).toEqual(checkedIn.sort())
    for (const played of MANUAL_RHYTHMS) {
      const declared = rhythm(played.rhythmId)
      expect(declared).toMatchObject({ organisation: played.organisationId, layer: played.layer })
      expect(declared.cadence).toMatchObject({ cron: played.cron, graceMs: played.graceMs })
    }
  })

  it('declares one agent check-in rhythm per organisation, due every minute', () => {
    for (const organisation of DEMO_ORGANISATIONS) {
      const heartbeat = HEARTBEAT_RHYTHMS.find((r) => r.organisationId === organisation.id)
      const declared = rhythm(heartbeat!.rhythmId)
      expect(declared).toMatchObject({ organisation: organisation.id, layer: 'note', target: 0.9 })
      expect(declared.cadence).toMatchObject({ kind: 'schedule', ...HEARTBEAT_SCHEDULE })
      expect(declared.beatNoun).toBe('agent check-ins')
    }
  })
})
