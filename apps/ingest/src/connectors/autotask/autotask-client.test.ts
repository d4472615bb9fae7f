import { describe, expect, it } from 'vitest'
import { apiBaseOf } from './autotask-client.js'

describe('the REST root of an Autotask zone', () => {
  it.each([
    [
      'https://webservices15.autotask.net/ATServicesRest/',
      'https://webservices15.autotask.net/ATServicesRest/V1.0/',
    ],
    [
      'https://webservices15.autotask.net//ATServicesRest//',
      'https://webservices15.autotask.net/ATServicesRest/V1.0/',
    ],
    [
      'https://webservices2.autotask.net/ATServicesRest',
      'https://webservices2.autotask.net/ATServicesRest/V1.0/',
    ],
    [
      'https://psa.example.internal/ATServicesRest/v1.0',
      'https://psa.example.internal/ATServicesRest/v1.0/',
    ],
  ])('turns %s into %s', (zoneUrl, base) => {
    expect(apiBaseOf(zoneUrl)).toBe(base)
  })
})
