import { apiBaseUrl } from '$lib/server/api'
import type { RequestHandler } from './$types'

/**
 * The service's live stream, passed through: the browser needs no CORS and no second address
 * (the service may listen where only the dashboard can reach it). While the service is away
 * this answers 503, and the page's LiveStream retries.
 */
export const GET: RequestHandler = async ({ request, url, locals }) => {
  const upstream = new URL('/v1/stream', apiBaseUrl())
  const after = request.headers.get('last-event-id') ?? url.searchParams.get('after')
  if (after && /^\d+$/.test(after)) upstream.searchParams.set('after', after)
  let response: Response
  try {
    response = await fetch(upstream, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${locals.token}` },
      signal: request.signal,
    })
  } catch {
    return unavailable('the ingest service is not answering')
  }
  if (response.status === 401) {
    await response.body?.cancel()
    return new Response('sign in again', { status: 401, headers: { 'content-type': 'text/plain' } })
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    return unavailable(`the ingest service answered ${response.status}`)
  }
  return new Response(response.body, {
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      // Proxies in front of the dashboard must pass events on at once.
      'x-accel-buffering': 'no',
    },
  })
}

function unavailable(message: string): Response {
  return new Response(message, { status: 503, headers: { 'content-type': 'text/plain' } })
}
