import { createHash, createHmac } from 'node:crypto'
import { sameSecret } from '../tickets/constant-time.js'
import { describeIssues } from '../tickets/quarantine.js'
import { callbackPayload } from './connectwise-api.js'
import type { CallbackPayload } from './connectwise-api.js'
import type { ConnectWiseConfig } from './connectwise-settings.js'

/** `x-content-signature`: base64(HMAC-SHA256(key = SHA-256(signing key), raw body)). */
export function callbackSignature(body: string, signingKey: string): string {
  const key = createHash('sha256').update(signingKey, 'utf8').digest()
  return createHmac('sha256', key).update(body, 'utf8').digest('base64')
}

export type ParsedCallback =
  { ok: true; payload: CallbackPayload } | { ok: false; status: 400 | 401; reason: string }

/** Reads a callback body and checks where its signing key would come from, before any fetch. */
export function parseCallback(body: string, allowedOrigins: ReadonlySet<string>): ParsedCallback {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { ok: false, status: 400, reason: 'the body is not JSON' }
  }
  const parsed = callbackPayload.safeParse(json)
  if (!parsed.success) return { ok: false, status: 400, reason: describeIssues(parsed.error) }
  // The key URL comes from a body nobody has authenticated yet. Fetching any URL it names would
  // let a forger point us at a key server of their own, whose key then "verifies" their
  // signature, and would let anyone make this service call arbitrary hosts (SSRF).
  let origin: string
  try {
    origin = new URL(parsed.data.Metadata.key_url).origin
  } catch {
    return { ok: false, status: 400, reason: 'Metadata.key_url is not a URL' }
  }
  if (!allowedOrigins.has(origin)) {
    return {
      ok: false,
      status: 401,
      reason: `Metadata.key_url is on ${origin}, not on the configured ConnectWise host`,
    }
  }
  return { ok: true, payload: parsed.data }
}

/**
 * Where a callback's signing key may come from: the configured API origin, its site host
 * (`api-na.myconnectwise.net` → `na.myconnectwise.net`, which ConnectWise writes into its
 * callbacks' URLs), and any hosts the score adds.
 */
export function signingKeyOrigins(config: ConnectWiseConfig): Set<string> {
  const api = new URL(config.origin)
  const origins = new Set([api.origin])
  if (api.hostname.startsWith('api-')) {
    const site = new URL(api.origin)
    site.hostname = api.hostname.slice('api-'.length)
    origins.add(site.origin)
  }
  for (const host of config.callbackKeyHosts) origins.add(new URL(`https://${host}`).origin)
  return origins
}

const REFRESH_AFTER_MS = 60_000

/**
 * Signing keys by key URL, fetched once and kept. A signature that does not match a kept key
 * fetches it again (ConnectWise may have rotated it), at most once a minute per URL, so forged
 * calls cannot make us hammer ConnectWise.
 */
export class SigningKeys {
  private readonly keys = new Map<string, { key: string; fetchedAt: number }>()

  constructor(
    private readonly fetchKey: (keyUrl: string) => Promise<string>,
    private readonly clock: () => number = Date.now,
  ) {}

  async verify(keyUrl: string, body: string, signature: string): Promise<boolean> {
    const kept = this.keys.get(keyUrl)
    if (kept && sameSecret(signature, callbackSignature(body, kept.key))) return true
    if (kept && this.clock() - kept.fetchedAt < REFRESH_AFTER_MS) return false
    const key = await this.fetchKey(keyUrl)
    this.keys.set(keyUrl, { key, fetchedAt: this.clock() })
    return sameSecret(signature, callbackSignature(body, key))
  }
}
