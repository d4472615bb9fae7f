import { isMonth } from '$lib/month'
import type { ParamMatcher } from '@sveltejs/kit'

/** `/summary/2026-11`: anything else there is not a page. */
export const match: ParamMatcher = (param) => isMonth(param)
