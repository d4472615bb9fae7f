import { env } from '$env/dynamic/private'
import { redirect } from '@sveltejs/kit'
import { resolve } from '$app/paths'
import { monthOf } from '$lib/month'
import { isZone } from '$lib/time'
import type { PageServerLoad } from './$types'

/** `/summary` is this month's summary, in the zone the summaries count months in. */
export const load: PageServerLoad = ({ url }) => {
  const tz = url.searchParams.get('tz') ?? env.BATON_TZ
  const month = monthOf(Date.now(), tz && isZone(tz) ? tz : 'UTC')
  redirect(307, `${resolve('/(app)/summary/[month=month]', { month })}${url.search}`)
}
