// The dashboard's half of single sign-on: the cookies that carry an attempt across the visit
// to the identity provider, and the sentence shown when it did not work.
import { redirect } from '@sveltejs/kit'
import { safeNext } from './next-path'
import type { Cookies } from '@sveltejs/kit'

/**
 * A single sign-on under way, bound to this browser: the `state` sent to the identity provider
 * and where to go afterwards. The return must carry the same state in the same browser, so a
 * link someone else started cannot sign this browser in as them (login CSRF). HTTP-only, and
 * SameSite=Lax, which the provider's redirect back (a top-level GET) still carries.
 */
const ATTEMPT_COOKIE = 'baton_sso'
/** Why the last single sign-on did not work, shown once on the sign-in page. */
const PROBLEM_COOKIE = 'baton_sso_problem'
const ATTEMPT_MAX_AGE_S = 10 * 60

const options = (url: URL) => ({
  path: '/login',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: url.protocol === 'https:',
})

export function keepAttempt(cookies: Cookies, url: URL, attempt: { state: string; next: string }) {
  cookies.set(ATTEMPT_COOKIE, JSON.stringify(attempt), {
    ...options(url),
    maxAge: ATTEMPT_MAX_AGE_S,
  })
}

/** The attempt this browser began, once: reading it forgets it. */
export function takeAttempt(
  cookies: Cookies,
  url: URL,
): { state: string; next: string } | undefined {
  const kept = cookies.get(ATTEMPT_COOKIE)
  cookies.delete(ATTEMPT_COOKIE, options(url))
  try {
    const attempt = JSON.parse(kept ?? '') as { state?: unknown; next?: unknown }
    return typeof attempt.state === 'string' && typeof attempt.next === 'string'
      ? { state: attempt.state, next: attempt.next }
      : undefined
  } catch {
    return undefined
  }
}

export function keepProblem(cookies: Cookies, url: URL, message: string) {
  cookies.set(PROBLEM_COOKIE, message.slice(0, 400), { ...options(url), maxAge: 60 })
}

export function takeProblem(cookies: Cookies, url: URL): string | null {
  const message = cookies.get(PROBLEM_COOKIE) ?? null
  if (message !== null) cookies.delete(PROBLEM_COOKIE, options(url))
  return message
}

/** The ingest service's refusal as one sentence for the sign-in page. */
export async function signOnProblem(answer: Response): Promise<string> {
  const body = (await answer.json().catch(() => null)) as { error?: { message?: string } } | null
  return body?.error?.message
    ? `Single sign-on did not work: ${body.error.message}.`
    : `Single sign-on did not work: the ingest service answered ${answer.status}.`
}

export const NOT_ANSWERING = 'The ingest service is not answering; try again shortly.'

/** Back to the sign-in page, which says once why single sign-on did not work. */
export function backToSignIn(
  cookies: Cookies,
  url: URL,
  message: string,
  next: string | undefined,
): never {
  keepProblem(cookies, url, message)
  redirect(303, `/login?next=${encodeURIComponent(safeNext(next))}`)
}
