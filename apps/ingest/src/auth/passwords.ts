import { hash, verify } from '@node-rs/argon2'

/** Long enough to resist guessing, short enough to type; a passphrase is welcome. */
export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 1024

// Hashed once, so an unknown e-mail costs the same time as a wrong password.
let unknownAccountHash: Promise<string> | undefined

/** An argon2id hash with the library's defaults (OWASP's 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

/** Whether the password matches; a missing hash still spends the time of a real check. */
export async function passwordMatches(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    unknownAccountHash ??= hash('no account has this password')
    await verify(await unknownAccountHash, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}
