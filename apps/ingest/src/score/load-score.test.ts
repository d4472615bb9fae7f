import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { loadScore, parseScore } from './load-score.js'
import { BACKUPS, HEADER, captureError, issuesOf, lineOf } from './__fixtures__/inline-scores.js'
import { ScoreError } from './score-error.js'
import type { Score } from './score-schema.js'

const EXAMPLE = fileURLToPath(new URL('./__fixtures__/example.score.yaml', import.meta.url))
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const OFFICE_HOURS: Array<[string, string]> = [['08:00', '17:00']]

describe('loadScore', () => {
  it('resolves the example score: defaults filled, durations in ms, references replaced', async () => {
    const score = await loadScore(EXAMPLE)
    const expected: Score = {
      file: EXAMPLE,
      version: 1,
      channels: [],
      organisations: [
        { id: 'acme', name: 'Acme Dental', tz: 'America/Denver', demo: false },
        { id: 'globex', name: 'Globex Logistics', tz: 'Europe/Berlin', demo: true },
      ],
      teams: [
        { id: 'infrastructure', name: 'Infrastructure', demo: false },
        { id: 'service-desk', name: 'Service desk', demo: false },
      ],
      calendars: {
        'acme-office': {
          tz: 'America/Denver',
          hours: {
            mon: OFFICE_HOURS,
            tue: OFFICE_HOURS,
            wed: OFFICE_HOURS,
            thu: OFFICE_HOURS,
            fri: [
              ['08:00', '12:00'],
              ['13:00', '17:00'],
            ],
          },
          holidays: ['2026-12-25'],
        },
      },
      integrations: [
        {
          id: 'ninja-main',
          vendor: 'ninjaone',
          schedule: '*/15 * * * *',
          freshnessMs: 2 * HOUR,
          organisations: { '1234': 'acme', '5678': 'globex' },
          settings: {
            region: 'us2',
            clientId: { env: 'NINJA_CLIENT_ID' },
            clientSecret: { env: 'NINJA_CLIENT_SECRET' },
          },
        },
        {
          id: 'halo',
          vendor: 'halopsa',
          schedule: '*/15 * * * *',
          freshnessMs: 30 * MINUTE,
          organisations: {},
          settings: {
            baseUrl: 'https://acme-msp.halopsa.com',
            clientId: 'baton',
            clientSecret: { env: 'HALO_CLIENT_SECRET' },
          },
        },
      ],
      rests: [
        {
          scope: { rhythm: 'acme-nightly-backups' },
          from: Date.parse('2026-12-24T00:00:00-07:00'),
          to: Date.parse('2026-12-27T00:00:00-07:00') - 1,
          reason: 'Christmas change freeze',
        },
        {
          scope: {},
          from: Date.parse('2026-06-01T22:00:00Z'),
          to: Date.parse('2026-06-02T02:00:00Z'),
        },
      ],
      tokens: [
        {
          scope: { organisation: 'acme' },
          sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        },
        { scope: { rhythm: 'acme-qbr' }, env: 'BATON_TOKEN_ACME_QBR' },
      ],
      rhythms: [
        {
          id: 'acme-nightly-backups',
          name: 'Acme nightly backups',
          layer: 'measure',
          team: 'infrastructure',
          organisation: 'acme',
          owner: 'section-leader',
          cadence: {
            kind: 'schedule',
            cron: '0 6 * * *',
            tz: 'America/Denver',
            graceMs: 2 * HOUR,
            windowMs: DAY,
          },
          target: 0.95,
          critical: false,
          freshnessMs: 2 * HOUR,
          beatNoun: 'nightly backups',
          playerNoun: 'devices',
          source: { kind: 'backups', integration: 'ninja-main', roster: true },
          line: 69,
        },
        {
          id: 'globex-patch-install',
          name: 'Globex weekly patch install',
          layer: 'phrase',
          team: 'infrastructure',
          organisation: 'globex',
          owner: 'section-leader',
          cadence: { kind: 'schedule', cron: '0 4 * * 0', tz: 'Europe/Berlin', graceMs: 6 * HOUR },
          target: 0.9,
          critical: true,
          freshnessMs: 2 * HOUR,
          source: {
            kind: 'patches',
            activity: 'install',
            integration: 'ninja-main',
            roster: false,
          },
          line: 88,
        },
        {
          id: 'acme-first-response',
          name: 'Acme first response',
          layer: 'note',
          team: 'service-desk',
          organisation: 'acme',
          owner: 'musician',
          cadence: {
            kind: 'sla',
            targetMs: 4 * HOUR,
            graceMs: 30 * MINUTE,
            calendar: score.calendars['acme-office']!,
          },
          target: 0.9,
          critical: false,
          freshnessMs: HOUR,
          source: {
            kind: 'tickets',
            measure: 'first-response',
            integration: 'halo',
            boards: ['Service Desk'],
            priorities: { P1: HOUR, P2: 2 * HOUR },
            types: ['Incident'],
          },
          line: 97,
        },
        {
          id: 'acme-monthly-audit',
          name: 'Acme monthly system audit',
          layer: 'section',
          team: 'infrastructure',
          organisation: 'acme',
          owner: 'concertmaster',
          cadence: { kind: 'schedule', cron: '0 17 L * *', tz: 'America/Denver', graceMs: 3 * DAY },
          target: 0.9,
          critical: false,
          freshnessMs: 30 * MINUTE,
          source: {
            kind: 'tickets',
            measure: 'closed',
            integration: 'halo',
            summary: 'monthly audit',
          },
          line: 112,
        },
        {
          id: 'acme-qbr',
          name: 'Acme quarterly business review',
          layer: 'movement',
          team: 'service-desk',
          organisation: 'acme',
          owner: 'conductor',
          cadence: {
            kind: 'schedule',
            cron: '0 9 1 1,4,7,10 *',
            tz: 'America/Denver',
            graceMs: 2 * 7 * DAY,
          },
          target: 1,
          critical: false,
          source: { kind: 'manual' },
          line: 120,
        },
      ],
    }
    expect(score).toStrictEqual(expected)
  })

  it('reports a file it cannot read as a ScoreError naming the file', async () => {
    const missing = fileURLToPath(new URL('./__fixtures__/missing.score.yaml', import.meta.url))
    await expect(loadScore(missing)).rejects.toThrow(ScoreError)
    await expect(loadScore(missing)).rejects.toThrow(
      /missing\.score\.yaml:1:1 cannot read the score: ENOENT/,
    )
  })
})

describe('parseScore', () => {
  it('fills the zone, target and owner of a rhythm from its organisation and layer', () => {
    const [rhythm] = parseScore(`${HEADER}rhythms:\n${BACKUPS}`, 'score.yaml').rhythms
    expect(rhythm).toMatchObject({
      cadence: { kind: 'schedule', cron: '0 6 * * *', tz: 'America/Denver' },
      target: 0.95,
      owner: 'musician',
      critical: false,
      line: 10,
    })
  })

  it('names the line and column of a YAML syntax error', () => {
    const text = `${HEADER}rhythms:\n  - id: [unclosed\n    name: x\n`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: 11,
        column: 5,
        path: '',
        message: expect.stringMatching(/^invalid YAML: Flow sequence .* must be .* indented/),
      },
    ])
  })

  it('names an unknown key at its own line and lists the keys expected there', () => {
    const text = `${HEADER.replace('    tz: America/Denver\n', '$&    colour: blue\n')}rhythms: []\n`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: lineOf(text, 'colour'),
        column: 5,
        path: 'organisations[0].colour',
        message: "unknown key 'colour' (expected one of: id, name, tz, demo)",
      },
    ])
  })

  it('names a value of the wrong type and what type was expected', () => {
    const text = `${HEADER}rhythms:\n${BACKUPS}    critical: yes\n`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: lineOf(text, 'critical: yes'),
        column: 15,
        path: 'rhythms[0].critical',
        message: "expected true or false, got 'yes'",
      },
    ])
  })

  it('names a duration it cannot read and the forms it accepts', () => {
    const text = `${HEADER}rhythms:\n${BACKUPS}    freshness: 2 hours\n`
    const [issue] = issuesOf(text)
    expect(issue).toMatchObject({ line: lineOf(text, 'freshness'), path: 'rhythms[0].freshness' })
    expect(issue?.message).toMatch(/^expected a duration like '30s', .*'PT2H'.* \(got '2 hours'\)$/)
  })

  it('names a reference to an undeclared team and the teams that exist', () => {
    const text = `${HEADER}rhythms:\n${BACKUPS.replace('team: infrastructure', 'team: ops')}`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: lineOf(text, 'team: ops'),
        column: 11,
        path: 'rhythms[0].team',
        message: "unknown team 'ops'; expected one of the teams in the score: 'infrastructure'",
      },
    ])
  })

  it('names a duplicate id at the repeat and where it was first used', () => {
    const text = `${HEADER}rhythms:\n${BACKUPS}${BACKUPS}`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: 17,
        column: 9,
        path: 'rhythms[1].id',
        message:
          "duplicate id 'acme-backups': rhythms[0] on line 10 already uses it; ids must be unique",
      },
    ])
  })

  it('names the line of an unparsable cron', () => {
    const cadence = `    cadence:\n      kind: schedule\n      cron: '0 6 * *'\n      grace: 2h\n`
    const text = `${HEADER}rhythms:\n${BACKUPS.replace(/ {4}cadence: .*\n/, cadence)}`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: lineOf(text, "cron: '0 6 * *'"),
        column: 13,
        path: 'rhythms[0].cadence.cron',
        message:
          "expected five fields (minute hour day-of-month month weekday), got 4 in '0 6 * *'",
      },
    ])
  })

  it('passes on what the engine finds wrong in a five-field cron', () => {
    const text = `${HEADER}rhythms:\n${BACKUPS.replace("'0 6 * * *'", "'61 6 * * *'")}`
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '61 6'),
        path: 'rhythms[0].cadence.cron',
        message: expect.stringMatching(
          /^expected a five-field cron .*: Invalid value for minute: 61/,
        ),
      }),
    ])
  })

  it('names an unknown time zone', () => {
    const text = `${HEADER.replace('America/Denver', 'America/Atlantis')}rhythms: []\n`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: 5,
        column: 9,
        path: 'organisations[0].tz',
        message:
          "unknown time zone 'America/Atlantis'; expected an IANA name like 'America/Denver'",
      },
    ])
  })

  it('names a missing required field at the line of the entry that lacks it', () => {
    const text = `${HEADER}rhythms:\n${BACKUPS.replace(/ {4}cadence: .*\n/, '')}`
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line: 10,
        column: 5,
        path: 'rhythms[0].cadence',
        message: expect.stringMatching(/^required: expected a cadence like \{ kind: schedule/),
      },
    ])
  })

  it('reports every problem of the shape at once, in line order', () => {
    const text = `${HEADER.replace('name: Acme Dental', 'title: Acme')}rhythms:\n${BACKUPS.replace(
      'layer: measure',
      'layer: bar',
    )}    freshness: soon\n    target: 2\n`
    const issues = issuesOf(text)
    expect(issues.map(({ line, path }) => ({ line, path }))).toEqual([
      { line: 3, path: 'organisations[0].name' },
      { line: 4, path: 'organisations[0].title' },
      { line: 12, path: 'rhythms[0].layer' },
      { line: 17, path: 'rhythms[0].freshness' },
      { line: 18, path: 'rhythms[0].target' },
    ])
    expect(issues[0]?.message).toBe('required: expected a name')
    expect(issues[4]?.message).toBe('expected a share from 0 to 1, like 0.95, got 2')
  })

  it('reports every reference and cadence problem at once', () => {
    const rhythms = [
      BACKUPS.replace('team: infrastructure', 'team: ops'),
      BACKUPS.replace("'0 6 * * *'", "'0 6 * *'"),
      BACKUPS.replace('organisation: acme', 'organisation: initech'),
    ].join('')
    const error = captureError(`${HEADER}rhythms:\n${rhythms}`)
    expect(error.issues.map(({ line, path }) => ({ line, path }))).toEqual([
      { line: 13, path: 'rhythms[0].team' },
      { line: 17, path: 'rhythms[1].id' },
      { line: 22, path: 'rhythms[1].cadence.cron' },
      { line: 24, path: 'rhythms[2].id' },
      { line: 28, path: 'rhythms[2].organisation' },
    ])
    expect(error.message.split('\n')).toEqual([
      "score.yaml:13:11 rhythms[0].team: unknown team 'ops'; expected one of the teams in the score: 'infrastructure'",
      expect.stringMatching(/^score\.yaml:17:9 rhythms\[1\]\.id: duplicate id 'acme-backups'/),
      expect.stringMatching(/^score\.yaml:22:38 rhythms\[1\]\.cadence\.cron: expected five fields/),
      expect.stringMatching(/^score\.yaml:24:9 rhythms\[2\]\.id: duplicate id 'acme-backups'/),
      "score.yaml:28:19 rhythms[2].organisation: unknown organisation 'initech'; expected one of the organisations in the score: 'acme'",
    ])
  })
})
