import { fail, redirect } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { IngestError, ingestJson } from '$lib/server/ingest-call'
import { nextPath } from '$lib/server/next-path'
import { keepToken } from '$lib/server/sign-in-cookie'
import { NOT_ANSWERING, takeProblem } from '$lib/server/single-sign-on'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async ({ fetch, url, cookies }) => {
  const signOnProblem = takeProblem(cookies, url)
  try {
    const options = await ingestJson(ingestClient(fetch, undefined).v1.auth.options.$get())
    return { options, next: nextPath(url), problem: null, signOnProblem }
  } catch (cause) {
    if (!(cause instanceof IngestError)) throw cause
    return {
      options: null,
      next: nextPath(url),
      problem: { message: cause.message, hint: cause.hint },
      signOnProblem,
    }
  }
}

export const actions: Actions = {
  default: async ({ request, fetch, url, cookies, getClientAddress }) => {
    const form = await request.formData()
    const email = String(form.get('email') ?? '').slice(0, 320)
    const password = String(form.get('password') ?? '').slice(0, 1024)
    if (!email || !password) return fail(400, { email, message: 'Enter your e-mail and password.' })
    let answer: Response
    try {
      answer = await ingestClient(fetch, undefined).v1.auth.login.$post(
        { json: { email, password } },
        // The service limits failed sign-ins per address: the person's, not the dashboard's.
        { headers: { 'x-forwarded-for': getClientAddress() } },
      )
    } catch {
      return fail(503, {
        email,
        message: NOT_ANSWERING,
      })
    }
    if (answer.status === 401) return fail(401, { email, message: 'Wrong e-mail or password.' })
    if (answer.status === 429) {
      const wait = answer.headers.get('retry-after')
      return fail(429, {
        email,
        message: `Too many failed sign-ins; try again in ${wait ?? 'a few'} seconds.`,
      })
    }
    if (!answer.ok)
      return fail(502, { email, message: `The ingest service answered ${answer.status}.` })
    const { token } = (await answer.json()) as { token: string }
    keepToken(cookies, token, url)
    redirect(303, nextPath(url))
  },
}
