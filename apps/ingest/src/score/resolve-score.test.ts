import { describe, expect, it } from 'vitest'

import { BACKUPS, HEADER, issuesOf } from './__fixtures__/inline-scores.js'
import { parseScore } from './load-score.js'

// Problems only resolution sees: references, cadences the engine rejects, rests out of order.
const rhythm = (replace: string, by: string) => `rhythms:\n${BACKUPS.replace(replace, by)}`
const sla = (rest: string) =>
  HEADER + rhythm("kind: schedule, cron: '0 6 * * *'", `kind: sla, ${rest}`)
const ninja = `integrations:\n  - id: ninja\n    vendor: ninjaone\n    settings: { region: eu, clientId: { env: N_ID }, clientSecret: { env: N_SECRET } }\n`
const rests = (lines: string) => `${HEADER}rests:\n  - ${lines.trim()}\nrhythms: []\n`

describe('resolveScore', () => {
  it.each([
    {
      claim: 'calendar hours that close before they open, where the calendar is declared',
      text: `${HEADER}calendars:\n  office:\n    tz: UTC\n    hours:\n      mon: [['17:00', '08:00']]\nrhythms: []\n`,
      line: 13,
      path: 'calendars.office.hours.mon[0]',
      message: /^expected \["HH:MM", "HH:MM"\] with start before end/,
    },
    {
      claim: 'a poll schedule that is not a cron',
      text: `${HEADER}${ninja}    schedule: hourly\nrhythms: []\n`,
      line: 13,
      path: 'integrations[0].schedule',
      message: "expected five fields (minute hour day-of-month month weekday), got 1 in 'hourly'",
    },
    {
      claim: 'an integration mapping to an undeclared organisation',
      text: `${HEADER}${ninja}    organisations: { 1234: initech }\nrhythms: []\n`,
      line: 13,
      path: 'integrations[0].organisations["1234"]',
      message:
        "unknown organisation 'initech'; expected one of the organisations in the score: 'acme'",
    },
    {
      claim: 'a source naming an undeclared integration',
      text: HEADER + rhythm('{ kind: manual }', '{ kind: backups, integration: rmm }'),
      line: 16,
      path: 'rhythms[0].source.integration',
      message: "unknown integration 'rmm'; the score declares no integrations",
    },
    {
      claim: 'a backups source on an sla cadence',
      text: sla('target: 4h').replace('kind: manual', 'kind: backups'),
      line: 15,
      path: 'rhythms[0].cadence.kind',
      message: "expected 'schedule': a backups source needs a schedule cadence",
    },
    {
      claim: 'a first-response source on a schedule',
      text: HEADER + rhythm('kind: manual', 'kind: tickets, measure: first-response'),
      line: 15,
      path: 'rhythms[0].cadence.kind',
      message: "expected 'sla': tickets measured by first-response needs an sla cadence",
    },
    {
      claim: 'an sla naming an undeclared calendar',
      text: sla('target: 4h, calendar: office'),
      line: 15,
      path: 'rhythms[0].cadence.calendar',
      message: "unknown calendar 'office'; the score declares no calendars",
    },
    {
      claim: 'a token for an undeclared organisation',
      text: `${HEADER}tokens:\n  - organisation: initech\n    env: TOKEN\nrhythms: []\n`,
      line: 10,
      path: 'tokens[0].organisation',
      message:
        "unknown organisation 'initech'; expected one of the organisations in the score: 'acme'",
    },
    {
      claim: 'a rest that ends before it starts',
      text: rests("from: '2026-12-26'\n    to: '2026-12-24'"),
      line: 11,
      path: 'rests[0].to',
      message: 'expected an end at or after from (2026-12-26)',
    },
    {
      claim: 'a rest for an undeclared rhythm',
      text: rests("rhythm: acme-qbr\n    from: '2026-12-24'\n    to: '2026-12-26'"),
      line: 10,
      path: 'rests[0].rhythm',
      message: "unknown rhythm 'acme-qbr'; the score declares no rhythms",
    },
    {
      claim: 'a channel routed to an undeclared team',
      text: `${HEADER}channels:\n  - id: noc\n    kind: slack\n    url: { env: SLACK_URL }\n    route: { teams: [service-desk] }\nrhythms: []\n`,
      line: 13,
      path: 'channels[0].route.teams[0]',
      message:
        "unknown team 'service-desk'; expected one of the teams in the score: 'infrastructure'",
    },
    {
      claim: 'a webhook channel that would send unsigned',
      text: `${HEADER}channels:\n  - id: siem\n    kind: webhook\n    url: { env: SIEM_URL }\nrhythms: []\n`,
      line: 10,
      path: 'channels[0].signingSecret',
      message: 'a webhook channel signs what it sends: give signingSecret, like { env: HOOK_KEY }',
    },
    {
      claim: 'quiet hours that end when they start',
      text: `${HEADER}channels:\n  - id: noc\n    kind: teams\n    url: { env: TEAMS_URL }\n    quietHours: { from: '22:00', to: '22:00', tz: Europe/Berlin }\nrhythms: []\n`,
      line: 13,
      path: 'channels[0].quietHours.to',
      message: 'expected quiet hours to end at another time than they start',
    },
  ])('names $claim', ({ text, line, path, message }) => {
    expect(issuesOf(text)).toEqual([
      {
        file: 'score.yaml',
        line,
        column: expect.any(Number),
        path,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      },
    ])
  })

  it('reads the local dates of a rest in its organisation zone, and of a team rest in UTC', () => {
    const score = parseScore(
      `${HEADER}rests:
  - { organisation: acme, from: '2026-12-24', to: '2026-12-24' }
  - { team: infrastructure, from: '2026-12-24', to: '2026-12-24' }
rhythms: []
`,
      'score.yaml',
    )
    expect(
      score.rests.map(({ from, to }) => [from, to].map((t) => new Date(t).toISOString())),
    ).toEqual([
      ['2026-12-24T07:00:00.000Z', '2026-12-25T06:59:59.999Z'],
      ['2026-12-24T00:00:00.000Z', '2026-12-24T23:59:59.999Z'],
    ])
  })

  it('takes a rhythm freshness from its integration unless the rhythm sets its own', () => {
    const score = parseScore(
      `${HEADER}${ninja}    freshness: 3h\nrhythms:\n${BACKUPS.replace('{ kind: manual }', '{ kind: backups, integration: ninja }')}${BACKUPS.replace('id: acme-backups', 'id: acme-backups-2').replace('{ kind: manual }', '{ kind: backups, integration: ninja }')}    freshness: 26h\n`,
      'score.yaml',
    )
    expect(score.rhythms.map((r) => r.freshnessMs)).toEqual([3 * 3_600_000, 26 * 3_600_000])
  })
})
