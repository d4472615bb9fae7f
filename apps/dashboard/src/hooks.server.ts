import { redirect } from '@sveltejs/kit'
import { sequence } from '@sveltejs/kit/hooks'
import { SIGN_IN_COOKIE, keepToken, looksLikeToken } from '$lib/server/sign-in-cookie'
import type { Handle, HandleServerError } from '@sveltejs/kit'

/** Unexpected errors are logged here in full and shown as one plain sentence, never a stack. */
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}:`, error)
  return {
    message:
      status === 404
        ? `There is no page at ${event.url.pathname}.`
        : 'The dashboard hit an unexpected error; its log says more.',
  }
}

/** Pages anyone may open: sign-in itself, and single sign-on's way out and back. */
const PUBLIC = new Set(['/login', '/login/sso', '/login/sso/callback'])

/**
 * A wall screen opens `/wall?kiosk=<token>` once: the token moves into the cookie and the
 * address loses it at once, so it stays out of history, Referer headers and access logs after
 * this first request.
 */
const kioskSignIn: Handle = async ({ event, resolve }) => {
  const kiosk = event.url.searchParams.get('kiosk')
  if (kiosk === null) return resolve(event)
  if (looksLikeToken(kiosk)) keepToken(event.cookies, kiosk, event.url)
  const clean = new URL(event.url)
  clean.searchParams.delete('kiosk')
  redirect(303, `${clean.pathname}${clean.search}`)
}

/** Every page but sign-in needs a token; without one, a page goes to sign-in and comes back. */
const signInRequired: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SIGN_IN_COOKIE)
  event.locals.token = looksLikeToken(token) ? token : undefined
  if (event.locals.token || PUBLIC.has(event.url.pathname)) return resolve(event)
  if (event.url.pathname.startsWith('/api/')) {
    return new Response('sign in first', { status: 401, headers: { 'content-type': 'text/plain' } })
  }
  redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`)
}

/**
 * Headers for every response. The Content-Security-Policy itself comes from svelte.config.js,
 * where SvelteKit adds the hashes of its own inline scripts.
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event)
  const headers = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(event.url.protocol === 'https:' && {
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    }),
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!response.headers.has(name)) response.headers.set(name, value)
  }
  return response
}

export const handle = sequence(securityHeaders, kioskSignIn, signInRequired)
