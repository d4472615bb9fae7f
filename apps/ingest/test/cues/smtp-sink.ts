import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'

export const SMTP_USER = 'baton'
export const SMTP_PASSWORD = 'smtp password for the test'

/**
 * A local SMTP server that receives, parses and keeps every mail (with its attachments), and
 * signs in only with SMTP_USER and SMTP_PASSWORD. `deferNext` answers the next recipients with
 * 450, as a busy mail server does.
 */
export async function startSmtpSink() {
  const mails: ParsedMail[] = []
  let deferrals = 0
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username })
      } else {
        callback(new Error('invalid credentials'))
      }
    },
    onRcptTo(_address, _session, callback) {
      if (deferrals > 0) {
        deferrals--
        const busy = Object.assign(new Error('mailbox busy, try again later'), {
          responseCode: 450,
        })
        callback(busy)
        return
      }
      callback()
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail)
          callback()
        },
        (error: Error) => callback(error),
      )
    },
    logger: false,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
    mails,
    deferNext(count: number) {
      deferrals = count
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>
