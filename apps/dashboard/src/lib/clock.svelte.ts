/** The time, ticking once a second, for "12 s ago" and the wall's clock. */
export class Clock {
  now = $state(Date.now())
  #timer: ReturnType<typeof setInterval> | undefined

  start(): void {
    this.now = Date.now()
    this.#timer ??= setInterval(() => (this.now = Date.now()), 1_000)
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}
