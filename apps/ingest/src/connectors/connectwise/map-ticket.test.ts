import { describe, expect, it } from 'vitest'
import { mapConnectWiseTicket } from './map-ticket.js'

const organisations = { '250': 'acme', Globex: 'globex' }
const ticket = (fields: Record<string, unknown> = {}) => ({
  id: 7,
  summary: 'VPN down',
  company: { id: 250, identifier: 'AcmeCorp' },
  board: { id: 1, name: 'Service Desk' },
  _info: { dateEntered: '2026-11-02T09:00:00Z', lastUpdated: '2026-11-02T10:00:00Z' },
  ...fields,
})

describe('mapConnectWiseTicket', () => {
  it('keeps a closed date only while the ticket is closed', () => {
    const closedDate = '2026-11-02T12:00:00Z'
    const closed = mapConnectWiseTicket(ticket({ closedFlag: true, closedDate }), organisations)
    const reopened = mapConnectWiseTicket(ticket({ closedFlag: false, closedDate }), organisations)
    expect(closed).toMatchObject({ record: { closedAt: Date.parse(closedDate) } })
    expect(reopened).toMatchObject({ record: { closedAt: null } })
  })

  it('takes the owner as assignee, else the first resource', () => {
    const owned = mapConnectWiseTicket(
      ticket({ owner: { identifier: 'kim' }, resources: 'jay, alex' }),
      organisations,
    )
    const shared = mapConnectWiseTicket(ticket({ resources: 'jay, alex' }), organisations)
    const nobody = mapConnectWiseTicket(ticket({ resources: '' }), organisations)
    expect([owned, shared, nobody].map((o) => o.kind === 'record' && o.record.assignee)).toEqual([
      'kim',
      'jay',
      null,
    ])
  })

  it('maps a company by id or identifier, and skips one the score does not map', () => {
    const byIdentifier = ticket({ company: { id: 251, identifier: 'Globex' } })
    expect(mapConnectWiseTicket(byIdentifier, organisations)).toMatchObject({
      record: { organisationId: 'globex' },
    })
    expect(
      mapConnectWiseTicket(ticket({ company: { id: 252, identifier: 'Initech' } }), organisations),
    ).toEqual({ kind: 'skipped', reason: 'company is not mapped' })
  })

  it('skips a broken ticket of an unmapped company rather than quarantining it', () => {
    expect(
      mapConnectWiseTicket(ticket({ id: null, company: { id: 999 } }), organisations),
    ).toMatchObject({ kind: 'skipped' })
  })

  it.each([
    ['not an object', 'ticket 7', '(record): Invalid input: expected object, received string'],
    ['a record without creation time', ticket({ _info: {} }), '_info.dateEntered is missing'],
    ['a record without _info', ticket({ _info: undefined }), '_info.dateEntered is missing'],
    [
      'an unreadable resolved time',
      ticket({ dateResolved: 'soon' }),
      'dateResolved: not a time: "soon"',
    ],
  ])('quarantines %s with the reason', (_, raw, reason) => {
    expect(mapConnectWiseTicket(raw, organisations)).toMatchObject({
      kind: 'quarantined',
      quarantined: { kind: 'ticket', reason, raw },
    })
  })
})
