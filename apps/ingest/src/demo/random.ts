/** A source of uniform numbers in [0, 1). */
export type Random = () => number

/** Mulberry32: a tiny seeded generator, plenty for plausible demo noise and fully reproducible. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * A generator for one event, seeded by the demo seed and the event's own names. Every backup,
 * ticket and check-in draws from its own stream, so an event comes out the same whichever
 * interval asks for it: that is what makes live play and backfill agree and replays idempotent.
 */
export function rngFor(seed: number, ...names: Array<string | number>): Random {
  // FNV-1a over the names, then one scramble so neighbouring keys start far apart.
  let hash = 0x811c9dc5 ^ seed
  for (const char of names.join('\u0000')) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193)
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b)
  return mulberry32(hash ^ (hash >>> 16))
}

export function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random()
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

/** One of `weights`' keys, each chosen in proportion to its weight. */
export function weighted<K extends string>(
  random: Random,
  weights: Readonly<Record<K, number>>,
): K {
  const entries = Object.entries(weights) as Array<[K, number]>
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random() * total
  for (const [key, weight] of entries) {
    roll -= weight
    if (roll < 0) return key
  }
  return entries[entries.length - 1]![0]
}
