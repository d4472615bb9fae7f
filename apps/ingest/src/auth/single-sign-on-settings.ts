import { storedSecretKey } from '../secrets/secret-store.js'
import type { Config } from '../config.js'
import type { SingleSignOnSettings } from './single-sign-on.js'

/** The stored secret (`baton secret set oidc-client-secret`) that can hold the client secret. */
export const CLIENT_SECRET_NAME = 'oidc-client-secret'

/**
 * The single sign-on settings, when configured: the client secret comes from the environment
 * (`BATON_OIDC_CLIENT_SECRET`) or the encrypted store, like a vendor credential. Configured
 * without one is an error at start, not a sign-in button that can never work.
 */
export function singleSignOnSettings(
  config: Config,
  credentials: NodeJS.ProcessEnv,
): SingleSignOnSettings | undefined {
  if (!config.singleSignOn) return undefined
  const clientSecret =
    credentials.BATON_OIDC_CLIENT_SECRET || credentials[storedSecretKey(CLIENT_SECRET_NAME)]
  if (!clientSecret) {
    throw new Error(
      `single sign-on: BATON_OIDC_ISSUER is set but there is no client secret; set BATON_OIDC_CLIENT_SECRET or store it with \`baton secret set ${CLIENT_SECRET_NAME}\``,
    )
  }
  return { ...config.singleSignOn, clientSecret }
}
