import { ingestClient } from '$lib/server/api'
import type { RequestHandler } from './$types'

/** The summary's numbers as CSV: the service's own export, passed through as a download. */
export const GET: RequestHandler = async ({ params, url, fetch, locals }) => {
  const tz = url.searchParams.get('tz')
  let response: Response
  try {
    response = await ingestClient(fetch, locals.token).v1.summary[':month'].$get({
      param: { month: params.month },
      query: { format: 'csv', ...(tz && { tz }) },
    })
  } catch {
    return text(503, 'The ingest service is not answering; try again in a moment.')
  }
  if (!response.ok) return text(502, `The ingest service answered ${response.status}.`)
  return new Response(response.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="baton-summary-${params.month}.csv"`,
      'cache-control': 'no-store',
    },
  })
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain' } })
}
