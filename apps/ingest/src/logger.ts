import { pino } from 'pino'
import type { Logger, LoggerOptions } from 'pino'

const SECRET_FIELDS = [
  'token',
  'password',
  'privateKey',
  'publicKey',
  'clientSecret',
  'secret',
  'apiSecret',
  'apiKey',
  'webhookSecret',
  'integrationCode',
]

/** The service's logger settings: JSON lines, ISO times, credentials redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'baton-ingest' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Credentials never reach a log line, whatever object carries them.
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.headers.authorization',
        ...SECRET_FIELDS.map((field) => `*.${field}`),
        ...SECRET_FIELDS,
      ],
      censor: '[redacted]',
    },
  }
}

/** The service's one logger: JSON lines on stdout, one wide line per request and per run. */
export function createLogger(level: string): Logger {
  return pino(loggerOptions(level))
}
