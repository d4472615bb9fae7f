/**
 * The latest non-null value `read` gave, and when it arrived: a reload that failed (the service
 * away) leaves the last good data on screen, where the stale banner can say how old it is.
 * `key` names what the value is of (a rhythm's id): kept data of another is never shown.
 */
export function lastGood<T>(read: () => T | null, key: () => string = () => '') {
  let kept = $state<T | null>(null)
  let keptKey = $state('')
  let at = $state(Date.now())
  $effect.pre(() => {
    const value = read()
    if (value === null) return
    kept = value
    keptKey = key()
    at = Date.now()
  })
  return {
    get value(): T | null {
      return read() ?? (keptKey === key() ? kept : null)
    },
    get at(): number {
      return at
    },
  }
}
