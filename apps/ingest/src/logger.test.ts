import { Writable } from 'node:stream'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { loggerOptions } from './logger.js'

describe('the log', () => {
  it('never writes a credential, however it is nested', () => {
    let written = ''
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk)
        done()
      },
    })
    const log = pino(loggerOptions('info'), sink)
    log.info(
      {
        privateKey: 'pk-top',
        settings: { clientSecret: 'cs-nested', apiKey: 'ak-nested', region: 'eu' },
        headers: { authorization: 'Bearer bs_secret' },
        req: { headers: { authorization: 'Basic abc' } },
      },
      'configured',
    )
    for (const secret of ['pk-top', 'cs-nested', 'ak-nested', 'bs_secret', 'Basic abc']) {
      expect(written).not.toContain(secret)
    }
    expect(written).toContain('"region":"eu"')
    expect(written).toContain('[redacted]')
  })
})
