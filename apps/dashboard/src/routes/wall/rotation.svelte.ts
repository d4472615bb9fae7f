import { sceneAfter } from './rotation'

/**
 * Plays the wall's scenes in turn, each for the interval. Only the interval, the scene list and
 * the current scene restart a scene's time: a reload that brings the same scene again does not.
 * Create it while a component initialises (it owns an effect).
 */
export class Rotation {
  /** When the next scene comes (client clock), or null when not rotating. */
  nextAt = $state<number | null>(null)

  constructor(options: {
    intervalMs: () => number | null
    scenes: () => string[]
    current: () => string
    show: (scene: string) => void
  }) {
    // Primitives, so that equal values after a reload do not count as a change.
    const intervalMs = $derived(options.intervalMs())
    const order = $derived(options.scenes().join('\n'))
    const current = $derived(options.current())
    $effect(() => {
      const scenes = order.split('\n')
      if (!intervalMs || scenes.length < 2) {
        this.nextAt = null
        return
      }
      const scene = current
      this.nextAt = Date.now() + intervalMs
      const timer = setTimeout(() => options.show(sceneAfter(scenes, scene)), intervalMs)
      return () => clearTimeout(timer)
    })
  }
}
