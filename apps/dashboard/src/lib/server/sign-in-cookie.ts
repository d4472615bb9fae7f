import type { Cookies } from '@sveltejs/kit'

/**
 * The one cookie: a session token (after signing in) or a kiosk token (a wall screen). HTTP-only,
 * so page scripts never see it; SameSite=Lax, so other sites' forms do not carry it; Secure when
 * the dashboard is served over HTTPS. The ingest service decides how long it lives.
 */
export const SIGN_IN_COOKIE = 'baton_token'
const MAX_AGE_S = 30 * 86_400

export function keepToken(cookies: Cookies, token: string, url: URL): void {
  cookies.set(SIGN_IN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: MAX_AGE_S,
  })
}

export function forgetToken(cookies: Cookies): void {
  cookies.delete(SIGN_IN_COOKIE, { path: '/' })
}

/** A token's shape, checked before it is stored or sent anywhere. */
export function looksLikeToken(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^(bs|bk|bt)_[A-Za-z0-9_-]{43}$/.test(value)
}
