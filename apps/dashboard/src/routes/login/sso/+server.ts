import { redirect } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { nextPath } from '$lib/server/next-path'
import { NOT_ANSWERING, backToSignIn, keepAttempt, signOnProblem } from '$lib/server/single-sign-on'
import type { RequestHandler } from './$types'

/** Begins single sign-on: the ingest service names the provider's page; the browser goes there. */
export const GET: RequestHandler = async ({ fetch, url, cookies, getClientAddress }) => {
  const next = nextPath(url)
  const answer = await ingestClient(fetch, undefined)
    .v1.auth.sso.start.$post(
      { json: { redirectUri: `${url.origin}/login/sso/callback` } },
      { headers: { 'x-forwarded-for': getClientAddress() } },
    )
    .catch(() => backToSignIn(cookies, url, NOT_ANSWERING, next))
  if (!answer.ok) backToSignIn(cookies, url, await signOnProblem(answer), next)
  const { authorizationUrl } = (await answer.json()) as { authorizationUrl: string }
  const state = new URL(authorizationUrl).searchParams.get('state') ?? ''
  keepAttempt(cookies, url, { state, next })
  redirect(303, authorizationUrl)
}
