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
}

/** Ten tries over about a day: a receiver down overnight still gets the night's cues. */
const ATTEMPTS = 10
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 4 * 3_600_000
const SEND_TIMEOUT_MS = 10_000
const BATCH = 20
/**
 * How long a claimed batch is left to its sender before another may take it (after a crash):
 * longer than the whole batch can take, so a slow receiver never gets a cue twice.
 */
const CLAIM_MS = BATCH * SEND_TIMEOUT_MS + 60_000

/** Why a channel cannot send at all: retrying will not help until its configuration changes. */
class ChannelConfigError extends Error {}

/**
 * Sends the cues that are due, oldest first. Each is claimed in the database before it is sent
 * (another instance skips it), marked sent after the receiver's 2xx, and otherwise retried with
 * exponential backoff and jitter until its attempts run out. A crash between the send and the
 * mark leaves the claim to expire and the cue to go again, with the same `x-baton-cue-id`.
 */
export class CueDelivery {
  private readonly mailer: Mailer

  constructor(private readonly deps: CueDeliveryDeps) {
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
      .set({ status: 'sending', next_attempt_at: new Date(now + CLAIM_MS) })
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
        attempts >= ATTEMPTS
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
    switch (channel.kind) {
      case 'email': {
        // Sending again for the refused few would repeat it to everyone else.
        const refused = await this.mailer.send({ to: channel.to ?? [], ...cueMail(cue) })
        return refused.length > 0 ? `the mail server refused ${refused.join(', ')}` : null
      }
      case 'webhook': {
        const key = this.secret(channel, 'signingSecret', channel.signingSecret!)
        return this.post(channel, webhookRequest(cue, key, this.deps.now()))
      }
      case 'slack':
        return this.post(channel, slackRequest(cue))
      case 'teams':
        return this.post(channel, teamsRequest(cue))
    }
  }

  private async post(channel: ScoreChannel, request: CueRequest): Promise<null> {
    await axios.post(this.secret(channel, 'url', channel.url!), request.body, {
      headers: request.headers,
      timeout: SEND_TIMEOUT_MS,
      // The receiver's answer is not read: only whether it took the cue.
      responseType: 'text',
      maxRedirects: 0,
    })
    return null
  }

  private secret(channel: ScoreChannel, field: string, ref: SecretReference): string {
    const read = readCredential(ref, this.deps.credentials)
    if ('missing' in read)
      throw new ChannelConfigError(`channel ${channel.id}: ${field}: ${read.missing}`)
    return read.value
  }

  /** 30 s, 1 min, 2 min … up to 4 h, each ±20% so a recovering receiver is not hit at once. */
  private backoff(attempts: number): number {
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1))
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
