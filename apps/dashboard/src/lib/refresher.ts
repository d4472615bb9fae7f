/**
 * Reloads a view soon after something changed, but never twice at once and at most once per
 * `gapMs`: a burst of a thousand state changes costs one reload, not a thousand.
 */
export class Refresher {
  #timer: ReturnType<typeof setTimeout> | undefined
  #dueAt = Infinity
  #running = false
  #again = false
  #lastRun = 0

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly gapMs = 1_000,
  ) {}

  /** Asks for a reload within `delayMs` (or as soon after the last one as the gap allows). */
  request(delayMs = 0): void {
    if (this.#running) {
      this.#again = true
      return
    }
    const at = Math.max(Date.now() + delayMs, this.#lastRun + this.gapMs)
    if (at >= this.#dueAt) return
    clearTimeout(this.#timer)
    this.#dueAt = at
    this.#timer = setTimeout(() => void this.#fire(), at - Date.now())
  }

  stop(): void {
    clearTimeout(this.#timer)
    this.#dueAt = Infinity
  }

  async #fire(): Promise<void> {
    this.#dueAt = Infinity
    this.#running = true
    this.#lastRun = Date.now()
    try {
      await this.run()
    } catch {
      // The view shows its own problem; the next request tries again.
    } finally {
      this.#running = false
    }
    if (this.#again) {
      this.#again = false
      this.request()
    }
  }
}
