import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SecretKeyError, seal, secretKeysFrom, unseal } from './secret-box.js'

const keyText = () => randomBytes(32).toString('base64')

describe('sealing vendor credentials (AES-256-GCM)', () => {
  const keys = secretKeysFrom({ BATON_SECRET_KEY: keyText() })!

  it('opens what it sealed, and the sealed form holds nothing of the value', () => {
    const sealed = seal('cw-private-key', 'hunter2-private', keys.current)
    expect(sealed.keyId).toBe(keys.current.id)
    expect(JSON.stringify(sealed)).not.toContain('hunter2')
    expect(unseal('cw-private-key', sealed, keys)).toBe('hunter2-private')
    // A fresh IV each time: the same value never seals the same way twice.
    expect(seal('cw-private-key', 'hunter2-private', keys.current).ciphertext).not.toBe(
      sealed.ciphertext,
    )
  })

  it('refuses a value that was altered, or moved under another name', () => {
    const sealed = seal('cw-private-key', 'hunter2-private', keys.current)
    const flipped = Buffer.from(sealed.ciphertext, 'base64')
    flipped[0] = flipped[0]! ^ 1
    expect(() =>
      unseal('cw-private-key', { ...sealed, ciphertext: flipped.toString('base64') }, keys),
    ).toThrow('secret cw-private-key does not decrypt')
    expect(() => unseal('halo-secret', sealed, keys)).toThrow('secret halo-secret does not decrypt')
  })

  it('opens values of the previous key during a rotation, and names a key it lacks', () => {
    const old = secretKeysFrom({ BATON_SECRET_KEY: keyText() })!
    const sealed = seal('x', 'value', old.current)
    const rotating = secretKeysFrom({
      BATON_SECRET_KEY: keyText(),
      BATON_SECRET_KEY_PREVIOUS: Buffer.from(old.current.key).toString('base64'),
    })!
    expect(unseal('x', sealed, rotating)).toBe('value')
    expect(() => unseal('x', sealed, keys)).toThrow(
      `secret x is sealed with key ${old.current.id}, which is neither BATON_SECRET_KEY (${keys.current.id})`,
    )
  })

  it('takes only a 32-byte base64 key, and none at all', () => {
    expect(secretKeysFrom({})).toBeUndefined()
    expect(() => secretKeysFrom({ BATON_SECRET_KEY: 'short' })).toThrow(SecretKeyError)
    expect(() => secretKeysFrom({ BATON_SECRET_KEY: randomBytes(16).toString('base64') })).toThrow(
      'BATON_SECRET_KEY: expected 32 bytes in base64',
    )
  })
})
