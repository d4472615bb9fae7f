import { describe, expect, it } from 'vitest'
import { HEADER, issuesOf, lineOf } from './__fixtures__/inline-scores.js'
import { parseScore } from './load-score.js'

// A ConnectWise integration; its vendor's connector declares which settings it takes.
const withSettings = (settings: string) => `${HEADER}integrations:
  - id: cw
    vendor: connectwise
    organisations: { '250': acme }
    settings:
${settings}rhythms: []
`

const GOOD = `      host: api-na.myconnectwise.net
      companyId: baton
      clientId: 3040b6af-ac90-42e6-932d-9178fc76f128
      publicKey: { env: CW_PUBLIC_KEY }
      privateKey: { env: CW_PRIVATE_KEY }
`

describe("an integration's settings in the score", () => {
  it("accepts settings its vendor's connector takes, without reading any secret", () => {
    const score = parseScore(withSettings(GOOD), 'score.yaml')
    expect(score.integrations[0]!.settings).toMatchObject({ companyId: 'baton' })
  })

  it('names a missing setting and a secret written in clear, each at its line', () => {
    const text = withSettings(`      host: api-na.myconnectwise.net
      clientId: 3040b6af-ac90-42e6-932d-9178fc76f128
      publicKey: 'Pub1icKey'
      privateKey: { env: CW_PRIVATE_KEY }
`)
    const issues = issuesOf(text)
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'integrations[0].settings.companyId',
        message: expect.stringMatching(/^required/),
      }),
      expect.objectContaining({
        path: 'integrations[0].settings.publicKey',
        line: lineOf(text, "publicKey: 'Pub1icKey'"),
        message: expect.stringContaining('{ env: VARIABLE_NAME }'),
      }),
    ])
  })

  it('leaves the settings of a vendor without a connector (the demo) unchecked', () => {
    const text = `${HEADER}integrations:
  - { id: demo-psa, vendor: demo, settings: { anything: 1 } }
rhythms: []
`
    expect(parseScore(text, 'score.yaml').integrations[0]!.settings).toEqual({ anything: 1 })
  })
})
