import { pino } from 'pino'
import type { Logger } from 'pino'

/** The service's one logger: JSON lines on stdout, one wide line per request and per run. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'baton-ingest' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', '*.token', '*.password'], censor: '[redacted]' },
  })
}
