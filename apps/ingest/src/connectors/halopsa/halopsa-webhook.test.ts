import { describe, expect, it } from 'vitest'
import { carriesSecret, webhookTickets } from './halopsa-webhook.js'

describe('carriesSecret', () => {
  it.each([
    ['s3cret', true],
    ['Bearer s3cret', true],
    ['  Token   s3cret ', true],
    ['Bearer s3cret2', false],
    ['s3cre', false],
    ['', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(carriesSecret(value, 's3cret')).toBe(expected)
  })
})

describe('webhookTickets', () => {
  it('names the event in a batch that has no ticket', () => {
    expect(webhookTickets('[{"ticket": {"id": 1}}, {"event": "x"}]')).toEqual({
      ok: false,
      reason: '[1] has no ticket',
    })
    expect(webhookTickets('"ticket"')).toEqual({
      ok: false,
      reason: 'the body is not a Halo webhook event',
    })
  })
})
