import nodemailer from 'nodemailer'
import { storedSecretKey } from '../secrets/secret-store.js'

/** The stored secret that can hold the SMTP address (it usually carries a password). */
export const SMTP_SECRET_NAME = 'smtp-url'

export interface OutgoingMail {
  to: string[]
  subject: string
  text: string
  html: string
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>
}

/**
 * Sends mail through the operator's SMTP server: `BATON_SMTP_URL` (or the stored secret
 * `smtp-url`), like `smtp://user:password@mail.msp.example:587` (STARTTLS when offered) or
 * `smtps://…:465`, from `BATON_MAIL_FROM`.
 */
export class Mailer {
  private transport: ReturnType<typeof nodemailer.createTransport> | undefined

  constructor(private readonly credentials: NodeJS.ProcessEnv) {}

  /** Whether an SMTP server is configured at all. */
  get configured(): boolean {
    return this.smtpUrl() !== undefined
  }

  /** Resolves with the recipients the server refused while it took the others. */
  async send(mail: OutgoingMail): Promise<string[]> {
    const url = this.smtpUrl()
    if (!url) {
      throw new MailConfigError(
        `no SMTP server: set BATON_SMTP_URL or store it with \`baton secret set ${SMTP_SECRET_NAME}\``,
      )
    }
    this.transport ??= nodemailer.createTransport(url, {
      from: this.credentials.BATON_MAIL_FROM || 'Baton <baton@localhost>',
    })
    const sent = await this.transport.sendMail(mail)
    const rejected = (sent.rejected ?? []) as Array<string | { address: string }>
    return rejected.map((address) => (typeof address === 'string' ? address : address.address))
  }

  close(): void {
    this.transport?.close()
    this.transport = undefined
  }

  private smtpUrl(): string | undefined {
    return (
      this.credentials.BATON_SMTP_URL ||
      this.credentials[storedSecretKey(SMTP_SECRET_NAME)] ||
      undefined
    )
  }
}

/** The mail cannot go until the configuration changes: not worth retrying. */
export class MailConfigError extends Error {}

/** A mail failure in one line, without the SMTP address (it may hold a password). */
export function describeMailError(error: unknown): string | undefined {
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown }
  if (typeof responseCode === 'number') return `the mail server answered ${responseCode}`
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
    return `the mail server cannot be reached (${code})`
  return undefined
}
