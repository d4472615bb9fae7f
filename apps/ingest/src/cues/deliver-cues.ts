import axios from 'axios'
import { readCredential } from '../secrets/credential-sources.js'
import { cueMail } from './channels/email.js'
import { slackRequest } from './channels/slack.js'
import { teamsRequest } from './channels/teams.js'
import { webhookRequest } from './channels/webhook.js'
import { MailConfigError, Mailer, describeMailError } from './mailer.js'
import type { Database } from '../db/database.js'
import type { ScoreChannel, SecretReference } from '../score/score-types.js'
import type { Cue, CueRequest } from './channels/cue-request.js'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'

export interface CueDeliveryDeps {
  db: Kysely<Database>
  channels: () => readonly ScoreChannel[]
  /** The environment and stored secrets: channel addresses and signing keys. */
  credentials: NodeJS.ProcessEnv
  now: () => number
  log: Logger
  retry?: Partial<RetryPolicy>
}

export interface RetryPolicy {
  /** Sends before a cue is given up as failed. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** How long a claimed cue is left to its sender before another may take it (a crash). */
  claimMs: number
  timeoutMs: number
}

/** Ten tries over about a day: a receiver down overnight still gets the night's cues. */
const DEFAULT_RETRY: RetryPolicy = {
  attempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 4 * 3_600_000,
  claimMs: 60_000,
  timeoutMs: 10_000,
}
const BATCH = 20

/** Why a channel cannot send at all: retrying will not help until its configuration changes. */
class ChannelConfigError extends Error {}

/**
 * Sends the cues that are due, oldest first. Each is claimed in the database before it is sent
 * (another instance skips it), marked sent after the receiver's 2xx, and otherwise retried with
 * exponential backoff and jitter until its attempts run out. A crash between the send and the
 * mark leaves the claim to expire and the cue to go again, with the same `x-baton-cue-id`.
 */
export class CueDelivery {
  private readonly retry: RetryPolicy

  private readonly mailer: Mailer

  constructor(private readonly deps: CueDeliveryDeps) {
    this.retry = { ...DEFAULT_RETRY, ...deps.retry }
    this.mailer = new Mailer(deps.credentials)
  }

  close(): void {
    this.mailer.close()
  }

  /** Sends what is due now; resolves with how many were sent. */
  async deliverDue(): Promise<number> {
    let sent = 0
    for (;;) {
      const claimed = await this.claim()
      for (const cue of claimed) if (await this.send(cue)) sent++
      if (claimed.length < BATCH) return sent
    }
  }

  private async claim() {
    const now = this.deps.now()
    return this.deps.db
      .updateTable('cues')
      .set({ status: 'sending', next_attempt_at: new Date(now + this.retry.claimMs) })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('cues')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .where('next_attempt_at', '<=', new Date(now))
          .orderBy('id')
          .limit(BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'channel_id', 'kind', 'severity', 'message', 'rhythm_id', 'attempts'])
      .execute()
  }

  private async send(cue: Cue & { channel_id: string; attempts: number }): Promise<boolean> {
    const attempts = cue.attempts + 1
    const channel = this.deps.channels().find((candidate) => candidate.id === cue.channel_id)
    try {
      if (!channel)
        throw new ChannelConfigError(`channel ${cue.channel_id} is no longer in the score`)
      const note = await this.deliver(channel, cue)
      await this.mark(cue.id, {
        status: 'sent',
        attempts,
        sent_at: new Date(this.deps.now()),
        note,
      })
      return true
    } catch (error) {
      const reason = describe(error)
      const giveUp =
        error instanceof ChannelConfigError ||
        error instanceof MailConfigError ||
        attempts >= this.retry.attempts
      this.deps.log.warn(
        { cue: cue.id, channel: cue.channel_id, attempts, giveUp, reason },
        'cue not delivered',
      )
      await this.mark(cue.id, {
        status: giveUp ? 'failed' : 'pending',
        attempts,
        note: reason,
        next_attempt_at: new Date(this.deps.now() + this.backoff(attempts)),
      })
      return false
    }
  }

  /** Sends one cue; resolves with a note when it went, but not to everyone. */
  private async deliver(channel: ScoreChannel, cue: Cue): Promise<string | null> {
    if (channel.kind === 'email') {
      // Sending again for the refused few would repeat it to everyone else.
      const refused = await this.mailer.send({ to: channel.to ?? [], ...cueMail(cue) })
      return refused.length > 0 ? `the mail server refused ${refused.join(', ')}` : null
    }
    const request = this.requestFor({ ...channel, kind: channel.kind }, cue)
    await axios.post(this.secret(channel, 'url', channel.url!), request.body, {
      headers: request.headers,
      timeout: this.retry.timeoutMs,
      // The receiver's answer is not read: only whether it took the cue.
      responseType: 'text',
      maxRedirects: 0,
    })
    return null
  }

  private requestFor(
    channel: ScoreChannel & { kind: 'webhook' | 'slack' | 'teams' },
    cue: Cue,
  ): CueRequest {
    switch (channel.kind) {
      case 'webhook':
        return webhookRequest(
          cue,
          this.secret(channel, 'signingSecret', channel.signingSecret!),
          this.deps.now(),
        )
      case 'slack':
        return slackRequest(cue)
      case 'teams':
        return teamsRequest(cue)
    }
  }

  private secret(channel: ScoreChannel, field: string, ref: SecretReference): string {
    const read = readCredential(ref, this.deps.credentials)
    if ('missing' in read)
      throw new ChannelConfigError(`channel ${channel.id}: ${field}: ${read.missing}`)
    return read.value
  }

  /** 30 s, 1 min, 2 min … up to 4 h, each ±20% so a recovering receiver is not hit at once. */
  private backoff(attempts: number): number {
    const { baseDelayMs, maxDelayMs } = this.retry
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1))
    return Math.round(delay * (0.8 + Math.random() * 0.4))
  }

  private async mark(
    id: number,
    update: {
      status: 'sent' | 'pending' | 'failed'
      attempts: number
      note: string | null
      sent_at?: Date
      next_attempt_at?: Date
    },
  ): Promise<void> {
    await this.deps.db.updateTable('cues').set(update).where('id', '=', id).execute()
  }
}

/**
 * A failure in one line, without the address: Slack's and Teams' webhook addresses are secrets,
 * and axios puts the address in its messages.
 */
function describe(error: unknown): string {
  if (error instanceof ChannelConfigError || error instanceof MailConfigError) return error.message
  if (axios.isAxiosError(error)) {
    if (error.response) return `the receiver answered ${error.response.status}`
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')
      return 'the receiver did not answer in time'
    return `the receiver cannot be reached (${error.code ?? 'no connection'})`
  }
  const mail = describeMailError(error)
  if (mail) return mail
  return error instanceof Error ? error.message : String(error)
}
