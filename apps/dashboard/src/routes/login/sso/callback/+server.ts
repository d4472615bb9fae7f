import { redirect } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { safeNext } from '$lib/server/next-path'
import { keepToken } from '$lib/server/sign-in-cookie'
import { NOT_ANSWERING, backToSignIn, signOnProblem, takeAttempt } from '$lib/server/single-sign-on'
import type { RequestHandler } from './$types'

/** Where the identity provider sends the browser back: checked here, finished by the service. */
export const GET: RequestHandler = async ({ fetch, url, cookies, getClientAddress }) => {
  const attempt = takeAttempt(cookies, url)
  if (!attempt || attempt.state !== url.searchParams.get('state')) {
    backToSignIn(
      cookies,
      url,
      'Single sign-on did not work: this browser did not begin that sign-in. Start it again.',
      attempt?.next,
    )
  }
  const answer = await ingestClient(fetch, undefined)
    .v1.auth.sso.finish.$post(
      { json: { query: url.search } },
      { headers: { 'x-forwarded-for': getClientAddress() } },
    )
    .catch(() => backToSignIn(cookies, url, NOT_ANSWERING, attempt.next))
  if (!answer.ok) backToSignIn(cookies, url, await signOnProblem(answer), attempt.next)
  const { token } = (await answer.json()) as { token: string }
  keepToken(cookies, token, url)
  redirect(303, safeNext(attempt.next))
}
