import { describe, expect, it } from 'vitest'
import { TicketPass } from './ticket-pass.js'

const t = (time: string) => Date.parse(`2026-11-20T${time}Z`)
const options = { since: t('00:00:00'), now: t('12:00:00'), overlapMs: 10 * 60_000 }
const read = (cursor: string) => JSON.parse(cursor) as Record<string, unknown>

describe('a pass over the Autotask tickets stream', () => {
  it('never moves its watermark past the moment it began', () => {
    const pass = TicketPass.start(undefined, options)
    pass.track({ id: 1, lastActivityDate: '2026-11-20T11:00:00.1Z' })
    pass.track({ id: 2, lastActivityDate: '2026-11-20T12:30:00Z' })
    expect(read(pass.cursor(true))).toEqual({ since: '2026-11-20T12:00:00.000Z' })
  })

  it('ignores activity times it cannot read and records without an id', () => {
    const pass = TicketPass.start(undefined, options)
    pass.track({ id: 1, lastActivityDate: 'garbage' })
    pass.track({ lastActivityDate: '2026-11-20T11:00:00Z' })
    pass.track('not a ticket')
    expect(read(pass.cursor(false))).toMatchObject({ afterId: 1 })
    expect(read(pass.cursor(false))).not.toHaveProperty('seen')
    expect(read(pass.cursor(true))).toEqual({ since: '2026-11-20T00:00:00.000Z' })
  })

  it('resumes a pass with its own bound and start, without the overlap again', () => {
    const first = TicketPass.start(JSON.stringify({ since: '2026-11-20T10:00:00.000Z' }), options)
    expect(first.from).toBe(t('09:50:00'))
    first.track({ id: 40, lastActivityDate: '2026-11-20T10:20:00Z' })
    const cursor = first.cursor(false)
    const resumed = TicketPass.start(cursor, { ...options, now: t('13:00:00') })
    expect([resumed.from, resumed.resumeAfterId]).toEqual([t('09:50:00'), 40])
    resumed.track({ id: 41, lastActivityDate: '2026-11-20T12:40:00Z' })
    expect(read(resumed.cursor(true))).toEqual({ since: '2026-11-20T12:00:00.000Z' })
  })

  it('keeps the watermark when a pass reads only the overlap', () => {
    const pass = TicketPass.start(JSON.stringify({ since: '2026-11-20T10:00:00.000Z' }), options)
    pass.track({ id: 7, lastActivityDate: '2026-11-20T09:55:00Z' })
    expect(read(pass.cursor(true))).toEqual({ since: '2026-11-20T10:00:00.000Z' })
  })
})
