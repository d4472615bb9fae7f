import type { Layer } from '@baton/cadence'

export type RhythmIndexEntries = Record<string, [name: string, layer: Layer, team: string]>

const RELOAD_GAP_MS = 15_000

/**
 * Name, layer and team of every rhythm, so a beat from the stream (which carries only an id)
 * can be named and put on its layer's staff, on the wall of its team. Loaded after the first screen, again when an unknown
 * id shows up (a rhythm added to the score), at most every 15 s.
 */
export class RhythmIndex {
  #entries = $state.raw<RhythmIndexEntries>({})
  #loadedAt = -Infinity
  #loading: Promise<void> | undefined

  constructor(private readonly url = '/api/rhythm-index') {}

  name(id: string): string | undefined {
    return this.#entries[id]?.[0]
  }

  layer(id: string): Layer | undefined {
    return this.#entries[id]?.[1]
  }

  team(id: string): string | undefined {
    return this.#entries[id]?.[2]
  }

  /** Loads the index now, unless a load is running. */
  load(): Promise<void> {
    this.#loading ??= this.#fetch().finally(() => (this.#loading = undefined))
    return this.#loading
  }

  /** Reloads when `id` is unknown and the last load is not too recent. */
  know(id: string): void {
    if (id in this.#entries || Date.now() - this.#loadedAt < RELOAD_GAP_MS) return
    void this.load()
  }

  async #fetch(): Promise<void> {
    this.#loadedAt = Date.now()
    try {
      const response = await fetch(this.url)
      if (response.ok) this.#entries = (await response.json()) as RhythmIndexEntries
    } catch {
      // Beats show by id until a later load names them.
    }
  }
}
