import { randomBytes } from 'node:crypto'
import { sha256 } from '../lib/sha256.js'

/**
 * The bearer secrets Baton hands out, told apart by prefix: `bs_` a browser session, `bk_` a
 * kiosk token, `bt_` an API token. 32 random bytes each; only their SHA-256 is stored, so a
 * leaked database holds nothing that signs in. (A fast hash is right for 256 random bits:
 * nothing to guess, unlike a password.)
 */
export type TokenPrefix = 'bs' | 'bk' | 'bt'

export function newSecretToken(prefix: TokenPrefix): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`
  return { token, hash: hashToken(token) }
}

export const hashToken: (token: string) => string = sha256

export function tokenPrefix(token: string): TokenPrefix | undefined {
  const prefix = /^(bs|bk|bt)_[A-Za-z0-9_-]{43}$/.exec(token)?.[1]
  return prefix as TokenPrefix | undefined
}

/** A short public id for a token or account, safe to show and log. */
export function publicId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`
}
