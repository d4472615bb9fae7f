import { error } from '@sveltejs/kit'
import { monthOf, monthTitle } from '$lib/month'
import { ingestClient } from '$lib/server/api'
import { failLoad, IngestError, ingestJson } from '$lib/server/ingest-call'
import { isZone } from '$lib/time'
import { summaryView } from './summary-view'
import type { MonthlySummary } from './summary-view'
import type { PageServerLoad } from './$types'

/** The owner's monthly summary with its 12-month trend, in the zone the service counts months in. */
export const load: PageServerLoad = async ({ params, url, fetch, locals }) => {
  const tz = url.searchParams.get('tz')
  try {
    // The route's type also allows its CSV form; without format=csv it answers JSON.
    const summary = (await ingestJson(
      ingestClient(fetch, locals.token).v1.summary[':month'].$get({
        param: { month: params.month },
        query: { trend: 'true', ...(tz && isZone(tz) && { tz }) },
      }),
    )) as MonthlySummary
    return { summary: summaryView(summary, monthOf(Date.now(), summary.tz)) }
  } catch (cause) {
    // The service answers 400 for a month that has not begun.
    if (cause instanceof IngestError && cause.answered === 400) {
      error(404, {
        message: `${monthTitle(params.month)} has not begun yet: there is nothing to summarise.`,
        hint: 'The summary of the current month is at /summary.',
      })
    }
    failLoad(cause)
  }
}
