import { createHash } from 'node:crypto'

/** The SHA-256 of a text, in hex: how tokens and ping secrets are kept and compared. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
