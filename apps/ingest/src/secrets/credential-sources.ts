import { secretKeysFrom } from './secret-box.js'
import { storedSecretKey, storedSecrets } from './secret-store.js'
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

/** A credential a score names: an environment variable, or a secret stored with `baton secret set`. */
export type CredentialRef = { env: string } | { secret: string }

/** The credential's value from the sources, or why it is missing in words an operator can act on. */
export function readCredential(
  ref: CredentialRef,
  sources: NodeJS.ProcessEnv,
): { value: string } | { missing: string } {
  const value = 'env' in ref ? sources[ref.env] : sources[storedSecretKey(ref.secret)]
  if (value !== undefined && value !== '') return { value }
  return {
    missing:
      'env' in ref
        ? `environment variable ${ref.env} is not set`
        : `no stored secret ${ref.secret} (add it with \`baton secret set ${ref.secret}\`)`,
  }
}
