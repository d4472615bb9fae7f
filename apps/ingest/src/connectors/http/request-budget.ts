/**
 * A rolling-window request limit, as vendors count them ("600 requests in any rolling 60 s"):
 * `take()` resolves when one more request fits in the window. A fixed window would allow twice
 * the limit across a boundary, which is exactly what gets an account blocked.
 */
export class RequestBudget {
  private readonly sent: number[] = []
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  take(): Promise<void> {
    // Callers are served in order; each waits for the one before it to get its slot.
    const turn = this.queue.then(() => this.waitForRoom())
    this.queue = turn
    return turn
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.clock()
      while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift()
      if (this.sent.length < this.requests) {
        this.sent.push(now)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, this.sent[0]! + this.windowMs - now + 1))
    }
  }
}
