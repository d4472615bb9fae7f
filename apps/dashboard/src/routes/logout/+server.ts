import { redirect } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { forgetToken } from '$lib/server/sign-in-cookie'
import type { RequestHandler } from './$types'

/** Ends the session at the service, not only in this browser, then goes to sign-in. */
export const POST: RequestHandler = async ({ fetch, locals, cookies }) => {
  await ingestClient(fetch, locals.token)
    .v1.auth.logout.$post()
    .catch(() => undefined)
  forgetToken(cookies)
  redirect(303, '/login')
}
