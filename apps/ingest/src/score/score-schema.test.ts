import { describe, expect, it } from 'vitest'

import { BACKUPS, HEADER, issuesOf } from './__fixtures__/inline-scores.js'

// Shape problems, found by the schema before anything is resolved. Each score has exactly one.
const rhythm = (replace: string, by: string) => `rhythms:\n${BACKUPS.replace(replace, by)}`
const ninja = `integrations:\n  - id: ninja\n    vendor: ninjaone\n`
const rests = (lines: string) => `${HEADER}rests:\n  - ${lines.trim()}\nrhythms: []\n`
const tokens = (lines: string) => `${HEADER}tokens:\n  - ${lines.trim()}\nrhythms: []\n`

describe('scoreFileSchema', () => {
  it.each([
    {
      claim: 'a version other than 1',
      text: `${HEADER.replace('version: 1', 'version: 2')}rhythms: []\n`,
      line: 1,
      path: 'version',
      message: 'expected 1, got 2',
    },
    {
      claim: 'an empty file',
      text: '',
      line: 1,
      path: '',
      message:
        'expected a score: a mapping with version, organisations, teams and rhythms, got nothing',
    },
    {
      claim: 'an id with capitals',
      text: `${HEADER.replace('id: acme', 'id: Acme')}rhythms: []\n`,
      line: 3,
      path: 'organisations[0].id',
      message: "expected lower-case letters, digits and '-', like 'acme-dental', got 'Acme'",
    },
    {
      claim: 'a misspelled vendor',
      text: `${HEADER}${ninja.replace('ninjaone', 'ninja-one')}rhythms: []\n`,
      line: 11,
      path: 'integrations[0].vendor',
      message: /^expected one of 'connectwise', .*'demo', got 'ninja-one'$/,
    },
    {
      claim: 'a source of an unknown kind',
      text: HEADER + rhythm('kind: manual', 'kind: email'),
      line: 16,
      path: 'rhythms[0].source.kind',
      message: "expected kind one of 'manual', 'backups', 'patches', 'tickets', got 'email'",
    },
    {
      claim: 'a cadence without its kind',
      text: HEADER + rhythm('kind: schedule, ', ''),
      line: 15,
      path: 'rhythms[0].cadence.kind',
      message: "required: expected kind one of 'schedule', 'sla'",
    },
    {
      claim: 'a cadence zone the runtime does not know',
      text: HEADER + rhythm("cron: '0 6 * * *'", "cron: '0 6 * * *', tz: Europe/Atlantis"),
      line: 15,
      path: 'rhythms[0].cadence.tz',
      message: "unknown time zone 'Europe/Atlantis'; expected an IANA name like 'America/Denver'",
    },
    {
      claim: 'a summary that is not a regular expression',
      text:
        HEADER + rhythm('{ kind: manual }', "{ kind: tickets, measure: closed, summary: 'a(' }"),
      line: 16,
      path: 'rhythms[0].source.summary',
      message: "not a valid regular expression: 'a('",
    },
    {
      claim: 'an opening that is not a pair of times',
      text: `${HEADER}calendars:\n  office: { tz: UTC, hours: { mon: [['08:00']] } }\nrhythms: []\n`,
      line: 10,
      path: 'calendars.office.hours.mon[0]',
      message: "expected an opening like ['08:00', '17:00'], got a list of 1 item",
    },
    {
      claim: 'a rest with a date-time that has no offset',
      text: rests("from: '2026-12-24T00:00'\n    to: '2026-12-26'"),
      line: 10,
      path: 'rests[0].from',
      message:
        /^expected a date like '2026-12-24' or a date-time with offset .*, got '2026-12-24T00:00'$/,
    },
    {
      claim: 'a rest with two scopes',
      text: rests(
        "team: infrastructure\n    organisation: acme\n    from: '2026-12-24'\n    to: '2026-12-26'",
      ),
      line: 10,
      path: 'rests[0].team',
      message: 'a rest has at most one scope, but this one names organisation and team',
    },
    {
      claim: 'a token with both a hash and an env var',
      text: tokens(`organisation: acme\n    sha256: ${'a'.repeat(64)}\n    env: TOKEN`),
      line: 10,
      path: 'tokens[0]',
      message: 'a token gives exactly one of sha256 or env',
    },
    {
      claim: 'a token without a scope',
      text: tokens('env: TOKEN'),
      line: 10,
      path: 'tokens[0]',
      message: 'a token names exactly one of organisation or rhythm',
    },
    {
      claim: 'a token hash that is not SHA-256 hex',
      text: tokens('organisation: acme\n    sha256: abc'),
      line: 11,
      path: 'tokens[0].sha256',
      message: 'expected 64 hex digits: the SHA-256 of the token',
    },
  ])('names $claim', ({ text, line, path, message }) => {
    const issues = issuesOf(text)
    expect(issues).toEqual([
      {
        file: 'score.yaml',
        line,
        column: expect.any(Number),
        path,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      },
    ])
  })
})
