import { fail } from '@sveltejs/kit'
import { ingestClient } from '$lib/server/api'
import { CHECK_IN_NOT_ALLOWED } from '$lib/check-in'
import { checkIn } from '$lib/server/check-in'
import { failLoad, IngestError, ingestJson } from '$lib/server/ingest-call'
import { rhythmView } from './rhythm-view'
import type { Actions, PageServerLoad } from './$types'

/**
 * One rhythm: its slots, lateness, players, flips and recent beats. A service that is away on a
 * reload keeps the last good data on screen (the page says since when); a rhythm that does not
 * exist is a 404.
 */
export const load: PageServerLoad = async ({ params, url, fetch, depends, locals, parent }) => {
  depends('baton:rhythm')
  // Who is signed in comes from the layout; asked for beside the rhythm, not before it.
  const [{ me }, answer] = await Promise.all([
    parent(),
    ingestJson(
      ingestClient(fetch, locals.token).v1.rhythms[':id'].$get({ param: { id: params.id } }),
    ).then(
      (detail) => ({ detail }),
      (cause: unknown) => ({ cause }),
    ),
  ])
  const checkIns = {
    allowed: me !== null && !me.readOnly && me.role !== 'viewer',
    notAllowed: CHECK_IN_NOT_ALLOWED,
    // One per rendered form: a double click, or a retry, records one beat.
    key: crypto.randomUUID(),
    // Where the dashboard believes it is served; SvelteKit refuses form posts from anywhere else.
    origin: url.origin,
  }
  if ('detail' in answer) return { view: rhythmView(answer.detail), checkIns, problem: null }
  const { cause } = answer
  if (!(cause instanceof IngestError) || cause.status === 404) failLoad(cause)
  return { view: null, checkIns, problem: { message: cause.message, hint: cause.hint } }
}

export const actions: Actions = {
  /** A person marks the rhythm played (or failed) now, as themselves. */
  checkIn: async ({ params, request, fetch, locals }) => {
    const form = await request.formData()
    const player = String(form.get('player') ?? '')
      .trim()
      .slice(0, 200)
    const key = String(form.get('key') ?? '')
    const outcome = await checkIn({
      client: ingestClient(fetch, locals.token),
      rhythmId: params.id,
      ok: form.get('outcome') !== 'failed',
      player: player || undefined,
      idempotencyKey: /^[\w-]{8,200}$/.test(key) ? key : undefined,
      at: Date.now(),
    })
    return outcome.recorded ? { checkIn: outcome } : fail(502, { checkIn: outcome })
  },
}
