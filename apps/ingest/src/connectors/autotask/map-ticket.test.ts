import { describe, expect, it } from 'vitest'
import { mapAutotaskTicket } from './map-ticket.js'
import { picklistsOf } from './picklists.js'

const picklists = picklistsOf({
  fields: [
    { name: 'status', isPickList: true, picklistValues: [{ value: '1', label: 'New' }] },
    { name: 'ticketType', isPickList: true, picklistValues: [{ value: '2', label: 'Incident' }] },
    { name: 'issueType', isPickList: true, picklistValues: [{ value: '3', label: 'Hardware' }] },
    { name: 'title', isPickList: false, picklistValues: null },
  ],
})
const map = (fields: Record<string, unknown>) =>
  mapAutotaskTicket(
    { id: 9, companyID: 12, createDate: '2022-12-06T16:10:00Z', ...fields },
    { picklists, organisations: { '12': 'acme' } },
  )

describe('mapping an Autotask ticket', () => {
  it.each([
    ['2022-12-07T09:15:45Z', Date.UTC(2022, 11, 7, 9, 15, 45, 0)],
    ['2022-12-07T09:15:45.2Z', Date.UTC(2022, 11, 7, 9, 15, 45, 200)],
    ['2022-12-07T09:15:45.25Z', Date.UTC(2022, 11, 7, 9, 15, 45, 250)],
    ['2022-12-07T09:15:52.407Z', Date.UTC(2022, 11, 7, 9, 15, 52, 407)],
    [null, null],
  ])('reads the first response %s', (value, expected) => {
    expect(map({ firstResponseDateTime: value })).toMatchObject({
      kind: 'record',
      record: { firstResponseAt: expected },
    })
  })

  it('takes the ticket type when the issue type is empty, and marks unlisted values unknown', () => {
    expect(map({ issueType: null, ticketType: 2, status: 77 })).toMatchObject({
      record: { type: 'Incident', status: 'unknown', priority: null },
    })
    expect(map({ issueType: 3, ticketType: 2 })).toMatchObject({ record: { type: 'Hardware' } })
  })

  it('accepts a company id sent as text, and skips an unmapped one', () => {
    expect(map({ companyID: '12' })).toMatchObject({ record: { organisationId: 'acme' } })
    expect(map({ companyID: 13 })).toEqual({ kind: 'skipped', reason: 'company is not mapped' })
  })
})
