import { RateLimiterMemory } from 'rate-limiter-flexible'
import { ApiError } from '../errors.js'

/**
 * Requests per key over a window, for the endpoints scripts and vendors call without a person:
 * the ping API (per caller address) and webhooks (per integration). Generous for any real
 * sender (the benchmark posts 20 beats a second), tight enough that a runaway loop or a flood
 * is answered with 429 and Retry-After instead of filling the database.
 */
export class RequestLimiter {
  private readonly limiter: RateLimiterMemory

  constructor(
    private readonly what: string,
    points: number,
    durationSeconds: number,
  ) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds })
  }

  /** Counts one request; throws a 429 naming the wait when the key is over its limit. */
  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key, 1)
    } catch (refusal) {
      if (refusal instanceof Error) throw refusal
      const wait = Math.ceil((refusal as { msBeforeNext: number }).msBeforeNext / 1000)
      const error = new ApiError(
        429,
        'rate_limited',
        `too many ${this.what} from ${key}; try again in ${wait} s`,
      )
      error.retryAfter = wait
      throw error
    }
  }
}

/**
 * The service's limits: 600 pings per 10 s per address, 600 webhook calls per 10 s per
 * integration, 120 single sign-on steps a minute per address (each start stores an attempt; an
 * office behind one NAT address signs in together at nine).
 */
export function requestLimiters() {
  return {
    pings: new RequestLimiter('pings', 600, 10),
    webhooks: new RequestLimiter('webhook calls', 600, 10),
    signOns: new RequestLimiter('single sign-on requests', 120, 60),
  }
}
