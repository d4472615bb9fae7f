import { RateLimiterMemory } from 'rate-limiter-flexible'

const WINDOW_S = 15 * 60
const PER_ACCOUNT = 10
const PER_ADDRESS = 50

/**
 * Failed sign-ins, counted per account and per address over 15 minutes: 10 for one account
 * (a guessing attack on it), 50 from one address (a spray over many). A success clears the
 * account's count. Kept in memory: each ingest instance counts its own.
 */
export class LoginLimiter {
  private readonly perAccount = new RateLimiterMemory({ points: PER_ACCOUNT, duration: WINDOW_S })
  private readonly perAddress = new RateLimiterMemory({ points: PER_ADDRESS, duration: WINDOW_S })

  /** Seconds until another try is allowed, or 0 when one is. */
  async waitSeconds(email: string, address: string): Promise<number> {
    const [account, from] = await Promise.all([
      this.perAccount.get(email),
      this.perAddress.get(address),
    ])
    const blocked = [
      account && account.consumedPoints >= PER_ACCOUNT ? account.msBeforeNext : 0,
      from && from.consumedPoints >= PER_ADDRESS ? from.msBeforeNext : 0,
    ]
    return Math.ceil(Math.max(...blocked) / 1000)
  }

  async failed(email: string, address: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(email, 1), this.perAddress.penalty(address, 1)])
  }

  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(email)
  }
}
