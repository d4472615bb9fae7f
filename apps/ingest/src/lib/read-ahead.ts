/**
 * Iterates `source` one item ahead: while the consumer works on an item, the next is already
 * being produced. A sync fetches its next page from the vendor while the last one is stored,
 * instead of leaving the network and the database idle in turn. At most one item waits.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]()
  let pending = iterator.next()
  try {
    for (;;) {
      const result = await pending
      if (result.done) return
      pending = iterator.next()
      // If the consumer stops early, the read under way may still fail: it must not go unheard.
      pending.catch(() => undefined)
      yield result.value
    }
  } finally {
    // Let the read under way settle before closing the source, so it stops at a page boundary.
    await pending.catch(() => undefined)
    await iterator.return?.()
  }
}
