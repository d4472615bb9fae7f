import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Compares a received secret or signature with the expected one in constant time. Both sides
 * are hashed first: `timingSafeEqual` needs equal lengths, and comparing lengths directly
 * would tell an attacker how long the secret is.
 */
export function sameSecret(received: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(received), digest(expected))
}
