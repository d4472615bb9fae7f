import type { Access } from './roles.js'

/** How long a resolved sign-in is reused before the database is asked again. */
export const ACCESS_CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

/**
 * Resolved bearer secrets, for a few seconds: fifty wall screens and a busy desk would otherwise
 * cost a session lookup per request. Anything that ends or narrows access in this process (sign
 * out, a revoked token, a changed account) clears it at once; another instance notices within
 * ACCESS_CACHE_MS.
 */
export class AccessCache {
  private readonly entries = new Map<string, { access: Access | undefined; until: number }>()

  async get(
    hash: string,
    now: number,
    resolve: () => Promise<Access | undefined>,
  ): Promise<Access | undefined> {
    const hit = this.entries.get(hash)
    if (hit && hit.until > now) return hit.access
    const access = await resolve()
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    this.entries.set(hash, { access, until: now + ACCESS_CACHE_MS })
    return access
  }

  clear(): void {
    this.entries.clear()
  }
}
