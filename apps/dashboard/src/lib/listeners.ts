/** Listeners by event name: a tiny typed emitter. */
export class Listeners<Events extends object, Meta> {
  #byName = new Map<keyof Events, Set<(event: never, meta: Meta) => void>>()

  /** Adds `listener` for `name`; returns the removal. */
  on<K extends keyof Events>(
    name: K,
    listener: (event: Events[K], meta: Meta) => void,
  ): () => void {
    const set = this.#byName.get(name) ?? new Set()
    set.add(listener as (event: never, meta: Meta) => void)
    this.#byName.set(name, set)
    return () => set.delete(listener as (event: never, meta: Meta) => void)
  }

  emit<K extends keyof Events>(name: K, event: Events[K], meta: Meta): void {
    for (const listener of this.#byName.get(name) ?? []) {
      ;(listener as (event: Events[K], meta: Meta) => void)(event, meta)
    }
  }
}
