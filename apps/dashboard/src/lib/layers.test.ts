import { describe, expect, it } from 'vitest'
import { layerBands } from './layers.js'

describe('layerBands', () => {
  it('lists every layer from note to portfolio in score order', () => {
    expect(layerBands().map((band) => band.layer)).toEqual([
      'note',
      'measure',
      'phrase',
      'section',
      'movement',
      'piece',
      'portfolio',
    ])
  })
})
