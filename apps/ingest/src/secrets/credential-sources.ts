import { secretKeysFrom } from './secret-box.js'
import { storedSecrets } from './secret-store.js'
import type { Db } from '../db/database.js'

/**
 * Where connectors read credentials: the environment, and beside it every stored secret,
 * decrypted with BATON_SECRET_KEY (secret-store.ts names them so they cannot clash).
 */
export async function credentialSources(
  db: Db,
  env: NodeJS.ProcessEnv,
): Promise<NodeJS.ProcessEnv> {
  return { ...env, ...(await storedSecrets(db, secretKeysFrom(env))) }
}
