import { describe, expect, it } from 'vitest'
import { sceneAfter, sceneQuery, scenesOf } from './rotation.js'

describe('wall rotation', () => {
  const scenes = scenesOf([{ id: 'desk' }, { id: 'infra' }])

  it('plays the overview first, then each team', () => {
    expect(scenes).toEqual(['', 'desk', 'infra'])
  })

  it('wraps around in both directions', () => {
    expect(sceneAfter(scenes, 'infra')).toBe('')
    expect(sceneAfter(scenes, '', -1)).toBe('infra')
  })

  it('starts over from the overview when the current team is gone', () => {
    expect(sceneAfter(scenes, 'removed')).toBe('desk')
  })

  it('keeps the rotation and zone in the address', () => {
    const url = new URL('http://wall/wall?rotate=30s&tz=Europe%2FBerlin&team=desk')
    expect(sceneQuery(url, 'infra')).toBe('rotate=30s&tz=Europe%2FBerlin&team=infra')
    expect(sceneQuery(url, '')).toBe('rotate=30s&tz=Europe%2FBerlin')
  })
})
