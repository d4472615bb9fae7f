import { LAYERS } from '@baton/cadence'
import { describe, expect, it } from 'vitest'
import { LAYER_ORDER, layerBands } from './layers.js'

describe('layerBands', () => {
  it('lists every layer from note to portfolio in score order', () => {
    expect(layerBands().map((band) => band.layer)).toEqual([...LAYERS])
    expect(LAYER_ORDER).toEqual(LAYERS)
  })

  it('labels each layer with what one of its beats is', () => {
    expect(layerBands()[1]).toEqual({ layer: 'measure', label: 'Measure · daily' })
  })
})
