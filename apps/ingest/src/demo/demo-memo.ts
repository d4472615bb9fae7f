const cache = new Map<string, unknown>()
const LIMIT = 20_000

/**
 * The value `make` gives for `key`, kept in a bounded cache. Live play asks every few seconds for
 * every ticket that might still change (ten days' worth); the plans are pure functions of the seed
 * and the key, so computing each once is safe. Callers must not mutate what they get.
 */
export function memoised<T>(key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T
  const value = make()
  // Maps iterate in insertion order, so the first key is the oldest.
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(key, value)
  return value
}
