import { describe, expect, it } from 'vitest'
import { HaloLabels } from './halopsa-labels.js'
import { mapHaloTicket } from './map-ticket.js'

const labels = HaloLabels.fromLookups({
  status: [{ id: 1, name: 'New' }, { id: 9, name: 'Closed' }, { name: 'no id' }],
  priority: {
    priorities: [
      { priorityid: 2, slaid: 1, name: 'High' },
      { priorityid: 2, slaid: 7, name: 'High (7)' },
    ],
  },
  type: 'not a list',
})
const context = { organisations: { '12': 'acme', Globex: 'globex' }, labels, zone: 'UTC' }
const ticket = (fields: Record<string, unknown> = {}) => ({
  id: 41,
  summary: 'Printer jam',
  client_id: 12,
  status_id: 1,
  priority_id: 2,
  tickettype_id: 1,
  dateoccurred: '2026-11-02T09:00:00',
  ...fields,
})

describe('mapHaloTicket', () => {
  it('names ids from the lookups, the first entry of a priority winning, and unknown ones as such', () => {
    expect(mapHaloTicket(ticket(), context)).toMatchObject({
      record: { status: 'New', priority: 'High', type: 'unknown' },
    })
  })

  it('prefers a priority name the ticket carries itself', () => {
    expect(mapHaloTicket(ticket({ priority: { name: 'P1' } }), context)).toMatchObject({
      record: { priority: 'P1' },
    })
  })

  it('maps a client by id or name, and skips one the score does not map', () => {
    expect(mapHaloTicket(ticket({ client_id: 13, client_name: 'Globex' }), context)).toMatchObject({
      record: { organisationId: 'globex' },
    })
    expect(mapHaloTicket(ticket({ client_id: 1, client_name: 'Unassigned' }), context)).toEqual({
      kind: 'skipped',
      reason: 'client is not mapped',
    })
  })

  it('takes the opening time from datecreated when dateoccurred is absent', () => {
    expect(
      mapHaloTicket(
        ticket({ dateoccurred: undefined, datecreated: '2026-11-02T10:00:00Z' }),
        context,
      ),
    ).toMatchObject({ record: { createdAt: Date.UTC(2026, 10, 2, 10) } })
  })

  it('reads ids written as text', () => {
    expect(
      mapHaloTicket(ticket({ id: '41', status_id: '9', agent_id: '7' }), context),
    ).toMatchObject({
      record: { externalId: '41', status: 'Closed', assignee: '7' },
    })
  })
})
