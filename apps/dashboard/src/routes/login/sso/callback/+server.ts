import { redirect } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { safeNext } from '$lib/server/next-path'
import { keepToken } from '$lib/server/sign-in-cookie'
import { keepProblem, signOnProblem, takeAttempt } from '$lib/server/single-sign-on'
import type { RequestHandler } from './$types'

/** Where the identity provider sends the browser back: checked here, finished by the service. */
export const GET: RequestHandler = async ({ fetch, url, cookies, getClientAddress }) => {
  const attempt = takeAttempt(cookies, url)
  const refuse = (message: string) => {
    keepProblem(cookies, url, message)
    redirect(303, `/login?next=${encodeURIComponent(safeNext(attempt?.next))}`)
  }
  if (!attempt || attempt.state !== url.searchParams.get('state')) {
    refuse('Single sign-on did not work: this browser did not begin that sign-in. Start it again.')
  }
  let answer: Response
  try {
    answer = await ingestClient(fetch, undefined).v1.auth.sso.finish.$post(
      { json: { query: url.search } },
      { headers: { 'x-forwarded-for': getClientAddress() } },
    )
  } catch {
    return refuse('The ingest service is not answering; try again shortly.')
  }
  if (!answer.ok) return refuse(await signOnProblem(answer))
  const { token } = (await answer.json()) as { token: string }
  keepToken(cookies, token, url)
  redirect(303, safeNext(attempt!.next))
}
