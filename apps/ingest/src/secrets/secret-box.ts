import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Vendor credentials at rest: AES-256-GCM with a key from the environment. Each value gets its
 * own random 96-bit IV; the tag authenticates it together with the secret's name, so a value
 * copied under another name does not decrypt. A key is known by the start of its SHA-256.
 */
export interface SealedSecret {
  keyId: string
  iv: string
  tag: string
  ciphertext: string
}

export interface SecretKey {
  id: string
  key: Buffer
}

/** The current key, and the previous one while a rotation is under way. */
export interface SecretKeys {
  current: SecretKey
  previous?: SecretKey
}

export class SecretKeyError extends Error {
  override name = 'SecretKeyError'
}

/**
 * Reads BATON_SECRET_KEY (and BATON_SECRET_KEY_PREVIOUS): 32 random bytes in base64, as
 * `openssl rand -base64 32` prints them. Undefined when no key is set: then only `{ env: … }`
 * credentials work.
 */
export function secretKeysFrom(env: NodeJS.ProcessEnv): SecretKeys | undefined {
  const current = env.BATON_SECRET_KEY
  if (!current) return undefined
  const previous = env.BATON_SECRET_KEY_PREVIOUS
  return {
    current: parseKey('BATON_SECRET_KEY', current),
    ...(previous ? { previous: parseKey('BATON_SECRET_KEY_PREVIOUS', previous) } : {}),
  }
}

function parseKey(variable: string, text: string): SecretKey {
  const key = Buffer.from(text, 'base64')
  if (key.length !== 32 || key.toString('base64') !== text.trim()) {
    throw new SecretKeyError(
      `${variable}: expected 32 bytes in base64 (make one with \`openssl rand -base64 32\`), got ${key.length} bytes`,
    )
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key }
}

export function seal(name: string, plaintext: string, key: SecretKey): SealedSecret {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  cipher.setAAD(Buffer.from(name))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return {
    keyId: key.id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  }
}

/** The plaintext; an error that names the key it needs when neither key is that one. */
export function unseal(name: string, sealed: SealedSecret, keys: SecretKeys): string {
  const key = [keys.current, keys.previous].find((candidate) => candidate?.id === sealed.keyId)
  if (!key) {
    throw new SecretKeyError(
      `secret ${name} is sealed with key ${sealed.keyId}, which is neither BATON_SECRET_KEY (${keys.current.id})` +
        (keys.previous ? ` nor BATON_SECRET_KEY_PREVIOUS (${keys.previous.id})` : ''),
    )
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(name))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ])
    return plain.toString('utf8')
  } catch {
    throw new SecretKeyError(
      `secret ${name} does not decrypt: it was altered, or stored under another name`,
    )
  }
}
