import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { readSecret } from '../connectors/settings.js'
import { credentialSources } from './credential-sources.js'
import { secretKeysFrom } from './secret-box.js'
import { listSecrets, rotateSecrets, setSecret, storedSecrets } from './secret-store.js'
import type { TestDatabase } from '../../test/db.js'
import type { ScoreIntegration } from '../score/score-types.js'

const keyText = () => randomBytes(32).toString('base64')
const integration = { id: 'cw' } as ScoreIntegration

describe.each(DRIVERS)('stored secrets on %s', (driver) => {
  let database: TestDatabase
  const first = keyText()
  beforeAll(async () => {
    database = await openTestDatabase(driver)
  })
  afterAll(async () => {
    await database?.close()
  })

  it('keeps only the sealed form, and gives connectors the value by its name', async () => {
    const env = { BATON_SECRET_KEY: first }
    await setSecret(database.db, secretKeysFrom(env)!, 'cw-private-key', 'p4ssw0rd-of-cw')
    const rows = await database.db.selectFrom('secrets').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain('p4ssw0rd')
    expect(await listSecrets(database.db)).toMatchObject([{ name: 'cw-private-key' }])

    const sources = await credentialSources(database.db, env)
    expect(readSecret(integration, 'privateKey', { secret: 'cw-private-key' }, sources)).toBe(
      'p4ssw0rd-of-cw',
    )
    expect(() => readSecret(integration, 'publicKey', { secret: 'cw-public' }, sources)).toThrow(
      'no stored secret cw-public (add it with `baton secret set cw-public`)',
    )
  })

  it('says plainly when there is no key to open them with', async () => {
    await expect(storedSecrets(database.db, undefined)).rejects.toThrow(
      '1 stored secret(s) but no BATON_SECRET_KEY to decrypt them with',
    )
  })

  it('re-seals every secret with a new key, after which the old key can go', async () => {
    const next = keyText()
    const rotating = secretKeysFrom({ BATON_SECRET_KEY: next, BATON_SECRET_KEY_PREVIOUS: first })!
    expect(await rotateSecrets(database.db, rotating)).toBe(1)
    expect(await rotateSecrets(database.db, rotating)).toBe(0)
    const onlyNew = secretKeysFrom({ BATON_SECRET_KEY: next })!
    expect(await storedSecrets(database.db, onlyNew)).toEqual({
      'baton-secret:cw-private-key': 'p4ssw0rd-of-cw',
    })
    const [row] = await listSecrets(database.db)
    expect(row!.keyId).toBe(onlyNew.current.id)
  })
})
