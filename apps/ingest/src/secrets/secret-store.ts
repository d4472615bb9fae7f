import { seal, unseal } from './secret-box.js'
import type { Db } from '../db/database.js'
import type { SecretKeys } from './secret-box.js'

/**
 * Where a stored secret is found among a connector's credential sources: beside the environment,
 * under a name no environment variable can have, so `{ secret: name }` and `{ env: NAME }`
 * resolve through the same map.
 */
export const storedSecretKey = (name: string) => `baton-secret:${name}`

export async function setSecret(
  db: Db,
  keys: SecretKeys,
  name: string,
  value: string,
): Promise<void> {
  const sealed = seal(name, value, keys.current)
  const row = {
    name,
    key_id: sealed.keyId,
    iv: sealed.iv,
    tag: sealed.tag,
    ciphertext: sealed.ciphertext,
  }
  await db
    .insertInto('secrets')
    .values(row)
    .onConflict((oc) => oc.column('name').doUpdateSet({ ...row, updated_at: new Date() }))
    .execute()
}

/** Names, keys and dates: never a value. */
export async function listSecrets(db: Db) {
  const rows = await db
    .selectFrom('secrets')
    .select(['name', 'key_id', 'updated_at'])
    .orderBy('name')
    .execute()
  return rows.map((row) => ({ name: row.name, keyId: row.key_id, updatedAt: row.updated_at }))
}

/** Every stored secret, decrypted, keyed for a connector's credential sources. */
export async function storedSecrets(db: Db, keys: SecretKeys | undefined) {
  const rows = await db.selectFrom('secrets').selectAll().execute()
  if (rows.length > 0 && !keys) {
    throw new Error(`${rows.length} stored secret(s) but no BATON_SECRET_KEY to decrypt them with`)
  }
  const values: Record<string, string> = {}
  for (const row of rows) {
    values[storedSecretKey(row.name)] = unseal(
      row.name,
      { keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext },
      keys!,
    )
  }
  return values
}

/**
 * Re-seals every secret not yet under the current key (reading it with the previous one), in one
 * transaction: after it, BATON_SECRET_KEY_PREVIOUS can go. Returns how many were re-sealed.
 */
export async function rotateSecrets(db: Db, keys: SecretKeys): Promise<number> {
  const rows = await db
    .selectFrom('secrets')
    .selectAll()
    .where('key_id', '!=', keys.current.id)
    .execute()
  for (const row of rows) {
    const value = unseal(
      row.name,
      { keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext },
      keys,
    )
    await setSecret(db, keys, row.name, value)
  }
  return rows.length
}
