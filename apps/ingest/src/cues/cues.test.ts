import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CueService } from './cue-service.js'
import { DRIVERS } from '../../test/db.js'
import { startReceivers } from '../../test/cues/receivers.js'
import { startSmtpSink } from '../../test/cues/smtp-sink.js'
import { signedIn, as } from '../../test/auth/sign-in.js'
import { startTestService } from '../../test/service.js'
import type { Receivers } from '../../test/cues/receivers.js'
import type { SmtpSink } from '../../test/cues/smtp-sink.js'
import type { TestService } from '../../test/service.js'
import type { RhythmState } from '@baton/cadence'

const HOOK_KEY = 'webhook signing key for the test'
const T0 = Date.parse('2026-11-10T09:00:00Z')
const HOUR = 3_600_000

const score = `version: 1
organisations:
  - { id: acme, name: Acme Dental, tz: Europe/Berlin }
teams:
  - { id: infrastructure, name: Infrastructure }
  - { id: service-desk, name: Service desk }
rests:
  - { rhythm: acme-patching, from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z', reason: freeze }
channels:
  - id: hook
    kind: webhook
    url: { env: CUE_HOOK_URL }
    signingSecret: { env: CUE_HOOK_KEY }
  - id: infra-slack
    kind: slack
    url: { env: CUE_SLACK_URL }
    route: { teams: [infrastructure] }
    repeat: 4h
  - id: desk-teams
    kind: teams
    url: { env: CUE_TEAMS_URL }
    route: { teams: [service-desk], severities: [warning, critical] }
  - id: owners-mail
    kind: email
    to: [noc@msp.example, owner@msp.example]
    route: { severities: [critical] }
  - id: night
    kind: slack
    url: { env: CUE_NIGHT_URL }
    route: { layers: [note] }
    quietHours: { from: '22:00', to: '07:00', tz: Europe/Berlin }
rhythms:
  - id: acme-backups
    name: Acme nightly backups
    layer: measure
    team: infrastructure
    organisation: acme
    critical: true
    cadence: { kind: schedule, cron: '0 6 * * *', grace: 2h }
  - id: acme-first-response
    name: Acme first response
    layer: note
    team: service-desk
    organisation: acme
    cadence: { kind: sla, target: 4h }
  - id: acme-patching
    name: Acme patch window
    layer: phrase
    team: infrastructure
    organisation: acme
    cadence: { kind: schedule, cron: '0 22 * * 3', grace: 4h }
`

describe.each(DRIVERS)('cues on %s', (driver) => {
  let receivers: Receivers
  let smtp: SmtpSink
  let service: TestService
  let clock = T0
  const now = () => clock
  const db = () => service.runtime.deps.db

  /** A flip as evaluation stores it, with the rhythm's state to match. */
  const flip = async (rhythmId: string, from: RhythmState | null, to: RhythmState, at = clock) => {
    const reasons =
      to === 'tight' ? [] : [{ code: 'last_missed', message: '3 of the last 14 missed.' }]
    await db()
      .insertInto('rhythm_flips')
      .values({
        rhythm_id: rhythmId,
        at: new Date(at),
        from_state: from,
        to_state: to,
        reasons: JSON.stringify(reasons),
      })
      .execute()
    const state = {
      rhythm_id: rhythmId,
      state: to,
      reasons: JSON.stringify(reasons),
      score: null,
      adherence: null,
      figures: '{}',
      since: new Date(at),
      evaluated_at: new Date(at),
    }
    await db()
      .insertInto('rhythm_states')
      .values(state)
      .onConflict((oc) => oc.column('rhythm_id').doUpdateSet(state))
      .execute()
  }
  const round = () => service.runtime.cues.round()
  const cues = (channel?: string) => {
    let query = db().selectFrom('cues').selectAll().orderBy('id')
    if (channel) query = query.where('channel_id', '=', channel)
    return query.execute()
  }

  beforeAll(async () => {
    receivers = await startReceivers()
    smtp = await startSmtpSink()
    service = await startTestService(driver, {
      score,
      now,
      env: {
        CUE_HOOK_URL: `${receivers.url}/hook`,
        CUE_HOOK_KEY: HOOK_KEY,
        CUE_SLACK_URL: `${receivers.url}/slack`,
        CUE_TEAMS_URL: `${receivers.url}/teams`,
        CUE_NIGHT_URL: `${receivers.url}/night`,
        BATON_SMTP_URL: smtp.url,
        BATON_MAIL_FROM: 'Baton <baton@msp.example>',
        BATON_PUBLIC_URL: 'https://baton.msp.example',
        // Rounds come from the tests, not a timer.
        BATON_CUE_INTERVAL_MS: String(24 * HOUR),
      },
    })
  })
  afterAll(async () => {
    await service?.close()
    await receivers?.close()
    await smtp?.close()
  })
  beforeEach(async () => {
    // Each test starts from no cues, with the flips of the service's first evaluation planned.
    await round()
    await db().deleteFrom('cues').execute()
    await db().deleteFrom('rhythm_flips').execute()
    receivers.received.length = 0
    smtp.mails.length = 0
    receivers.failNext(0)
    smtp.deferNext(0)
    clock = T0
  })

  it('sends one cue per flip to each channel that hears it, signed, and never twice', async () => {
    await flip('acme-backups', 'tight', 'drifting')
    await round()
    await round()
    const [hooked] = receivers.at('/hook')
    expect(receivers.at('/hook')).toHaveLength(1)
    expect(hooked).toMatchObject({
      type: 'baton.cue',
      kind: 'flip',
      severity: 'critical',
      title: 'Acme nightly backups is drifting',
      rhythm: {
        id: 'acme-backups',
        layer: 'measure',
        team: 'infrastructure',
        organisation: 'acme',
      },
      from: 'tight',
      to: 'drifting',
      reasons: ['3 of the last 14 missed.'],
      url: 'https://baton.msp.example/rhythms/acme-backups',
    })
    // The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>".
    const request = receivers.received.find((r) => r.path === '/hook')!
    const timestamp = request.headers['x-baton-timestamp'] as string
    const expected = createHmac('sha256', HOOK_KEY)
      .update(`${timestamp}.${request.body}`)
      .digest('hex')
    expect(request.headers['x-baton-signature']).toBe(`v1=${expected}`)
    expect(Number(timestamp) * 1000).toBe(Math.floor(T0 / 1000) * 1000)
    expect(request.headers['x-baton-cue-id']).toBe(hooked!.id)

    const [slack] = receivers.at('/slack')
    expect(receivers.at('/slack')).toHaveLength(1)
    expect(slack!.text).toBe(':red_circle: Acme nightly backups is drifting')
    expect(slack!.blocks[0].text.text).toBe(
      ':red_circle: *<https://baton.msp.example/rhythms/acme-backups|Acme nightly backups is drifting>*',
    )
    expect(slack!.blocks[1].text.text).toBe('• 3 of the last 14 missed.')
    // Another team's channel hears nothing of it.
    expect(receivers.at('/teams')).toEqual([])
    expect((await cues()).map((cue) => [cue.channel_id, cue.status])).toEqual([
      ['hook', 'sent'],
      ['infra-slack', 'sent'],
      ['owners-mail', 'sent'],
    ])
  })

  it('cues the flips evaluation itself stores, with its reasons', async () => {
    // Forget the stored judgement: the next evaluation finds the rhythm drifting afresh.
    await db().deleteFrom('rhythm_states').where('rhythm_id', '=', 'acme-backups').execute()
    service.runtime.evaluator.touchAll()
    await service.runtime.evaluator.flush()
    await round()
    const [cue] = receivers.at('/hook').filter((c) => c.rhythm.id === 'acme-backups')
    expect(cue).toMatchObject({
      kind: 'flip',
      from: null,
      url: 'https://baton.msp.example/rhythms/acme-backups',
    })
    expect(cue!.title).toMatch(/^Acme nightly backups is (drifting|silent)$/)
    expect(cue!.reasons.length).toBeGreaterThan(0)
  })

  it("routes by team and severity: a section's Teams channel hears its drifts, not its recoveries", async () => {
    await flip('acme-first-response', 'tight', 'drifting')
    await round()
    clock += HOUR * 3
    await flip('acme-first-response', 'drifting', 'tight')
    await round()
    const teams = receivers.at('/teams')
    expect(teams).toHaveLength(1)
    expect(teams[0]).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    })
    const card = teams[0]!.attachments[0].content
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' })
    expect(card.body[0]).toMatchObject({
      text: 'Acme first response is drifting',
      color: 'Warning',
    })
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open in Baton',
        url: 'https://baton.msp.example/rhythms/acme-first-response',
      },
    ])
    expect(receivers.at('/hook').map((cue) => cue.title)).toEqual([
      'Acme first response is drifting',
      'Acme first response is tight again (was drifting)',
    ])
  })

  it('cues a rhythm still drifting again at the repeat interval, once per interval', async () => {
    await flip('acme-backups', 'tight', 'drifting')
    await round()
    clock = T0 + 3 * HOUR
    await round()
    clock = T0 + 4 * HOUR + 60_000
    await round()
    await round()
    clock = T0 + 8 * HOUR + 60_000
    await round()
    expect(receivers.at('/slack').map((cue) => cue.text)).toEqual([
      ':red_circle: Acme nightly backups is drifting',
      ':red_circle: Acme nightly backups is still drifting (for 4 h 1 min)',
      ':red_circle: Acme nightly backups is still drifting (for 8 h 1 min)',
    ])
    // The webhook channel has no repeat: one cue for the one flip.
    expect(receivers.at('/hook')).toHaveLength(1)
  })

  it('cues a flapping rhythm as flapping once, not once per flip', async () => {
    const states: RhythmState[] = ['tight', 'drifting', 'tight', 'drifting', 'tight', 'drifting']
    for (let i = 1; i < states.length; i++) {
      clock = T0 + i * 5 * 60_000
      await flip('acme-backups', states[i - 1]!, states[i]!)
      await round()
    }
    expect(receivers.at('/hook').map((cue) => cue.title)).toEqual([
      'Acme nightly backups is drifting',
      'Acme nightly backups is tight again (was drifting)',
      'Acme nightly backups is drifting',
      'Acme nightly backups is flapping: 4 changes in 60 min, now tight',
    ])
    const suppressed = (await cues('hook')).filter((cue) => cue.status === 'suppressed')
    expect(suppressed.map((cue) => cue.note)).toEqual([
      'the rhythm is flapping; it was cued as such',
    ])
    // Settled for longer than the window: the next flip is news again.
    clock = T0 + 3 * HOUR
    await flip('acme-backups', 'drifting', 'tight')
    await round()
    expect(receivers.at('/hook').at(-1)!.title).toBe(
      'Acme nightly backups is tight again (was drifting)',
    )
  })

  it('mails a critical flip through the SMTP server, as HTML and text, and retries a busy one', async () => {
    smtp.deferNext(2)
    await flip('acme-backups', 'tight', 'silent')
    await round()
    expect(smtp.mails).toEqual([])
    expect((await cues('owners-mail'))[0]).toMatchObject({
      status: 'pending',
      note: 'the mail server answered 450',
    })
    clock += 5 * 60_000
    await round()
    expect(smtp.mails).toHaveLength(1)
    const mail = smtp.mails[0]!
    expect(mail.subject).toBe('Acme nightly backups is silent')
    expect(mail.from?.value).toEqual([{ address: 'baton@msp.example', name: 'Baton' }])
    expect(mail.to).toMatchObject({ text: 'noc@msp.example, owner@msp.example' })
    expect(mail.text).toContain('- 3 of the last 14 missed.')
    expect(mail.text).toContain('https://baton.msp.example/rhythms/acme-backups')
    expect(mail.html).toContain(
      '<a href="https://baton.msp.example/rhythms/acme-backups">Open in Baton</a>',
    )
    expect(mail.html).toContain('<li>3 of the last 14 missed.</li>')
    // Not critical: the owners' mailbox does not hear it.
    await flip('acme-first-response', 'tight', 'drifting')
    await round()
    expect(smtp.mails).toHaveLength(1)
  })

  it('holds cues during quiet hours and sends them when they end', async () => {
    // 23:30 in Berlin (22:30 UTC in November).
    clock = Date.parse('2026-11-10T22:30:00Z')
    await flip('acme-first-response', 'tight', 'drifting')
    await round()
    expect(receivers.at('/night')).toEqual([])
    const [held] = await cues('night')
    expect(held).toMatchObject({ status: 'pending' })
    expect(held!.next_attempt_at.toISOString()).toBe('2026-11-11T06:00:00.000Z')
    clock = Date.parse('2026-11-11T05:59:00Z')
    await round()
    expect(receivers.at('/night')).toEqual([])
    clock = Date.parse('2026-11-11T06:00:00Z')
    await round()
    expect(receivers.at('/night').map((cue) => cue.text)).toEqual([
      ':large_orange_circle: Acme first response is drifting',
    ])
    // Channels without quiet hours sent it at once.
    expect(receivers.at('/hook')).toHaveLength(1)
  })

  it('sends nothing for a rhythm that rests, and says why', async () => {
    await flip('acme-patching', 'tight', 'drifting')
    await round()
    expect(receivers.received).toEqual([])
    expect((await cues()).map((cue) => [cue.channel_id, cue.status, cue.note])).toEqual([
      ['hook', 'suppressed', 'the rhythm is resting'],
      ['infra-slack', 'suppressed', 'the rhythm is resting'],
    ])
  })

  it('retries after a receiver fails, with backoff, and delivers once', async () => {
    receivers.failNext(2, '/hook')
    await flip('acme-first-response', 'tight', 'drifting')
    await round()
    const [first] = await cues('hook')
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 1,
      note: 'the receiver answered 503',
    })
    // Not before its backoff (30 s ± 20%).
    clock += 20_000
    await round()
    expect((await cues('hook'))[0]!.attempts).toBe(1)
    clock += 60_000
    await round()
    clock += 10 * 60_000
    await round()
    expect(receivers.at('/hook')).toHaveLength(1)
    expect((await cues('hook'))[0]).toMatchObject({ status: 'sent', attempts: 3, note: null })
  })

  it('survives a restart mid-queue: a new service sends what the old one could not', async () => {
    receivers.failNext(100)
    smtp.deferNext(100)
    await flip('acme-backups', 'tight', 'drifting')
    await round()
    expect((await cues()).every((cue) => cue.status === 'pending')).toBe(true)
    // The old service stops; a new one (another process, after a restart) takes over the queue.
    await service.runtime.cues.close()
    receivers.failNext(0)
    smtp.deferNext(0)
    const next = new CueService({
      db: service.runtime.deps.db,
      bus: service.runtime.deps.bus,
      channels: () => service.runtime.score().channels,
      catalog: service.runtime.deps.catalog,
      credentials: {
        CUE_HOOK_URL: `${receivers.url}/hook`,
        CUE_HOOK_KEY: HOOK_KEY,
        CUE_SLACK_URL: `${receivers.url}/slack`,
        BATON_SMTP_URL: smtp.url,
      },
      now,
      log: service.runtime.deps.log,
      publicUrl: 'https://baton.msp.example',
      intervalMs: 24 * HOUR,
    })
    clock += HOUR
    await next.round()
    await next.round()
    await next.close()
    expect(receivers.at('/hook')).toHaveLength(1)
    expect(receivers.at('/slack')).toHaveLength(1)
    expect((await cues()).map((cue) => cue.status)).toEqual(['sent', 'sent', 'sent'])
    expect(smtp.mails).toHaveLength(1)
  })

  it("shows cues in the API, a section leader only their team's", async () => {
    await flip('acme-backups', 'tight', 'drifting')
    await flip('acme-first-response', 'tight', 'drifting')
    await round()
    const owner = await as(service.app, service.ownerToken)('GET', '/v1/cues?channel=hook')
    expect(owner.status).toBe(200)
    expect(owner.body.cues.map((cue: { rhythm: string }) => cue.rhythm)).toEqual([
      'acme-first-response',
      'acme-backups',
    ])
    expect(owner.body.cues[0]).toMatchObject({
      channel: 'hook',
      kind: 'flip',
      severity: 'warning',
      status: 'sent',
      attempts: 1,
      title: 'Acme first response is drifting',
    })
    const lead = await signedIn(service.runtime.deps.db, service.app, {
      email: `lead-${driver}@cues.test`,
      role: 'section-leader',
      teams: ['service-desk'],
    })
    const theirs = await as(service.app, lead)('GET', '/v1/cues')
    expect(new Set(theirs.body.cues.map((cue: { rhythm: string }) => cue.rhythm))).toEqual(
      new Set(['acme-first-response']),
    )
  })
})
