import { error, redirect } from '@sveltejs/kit'
import { getRequestEvent } from '$app/server'
import { forgetToken } from './sign-in-cookie'
import { apiBaseUrl } from './api'

/** Why the dashboard could not get what it asked the ingest service for, said plainly. */
export class IngestError extends Error {
  override name = 'IngestError'

  constructor(
    message: string,
    /** The status the dashboard answers with: 503 unreachable, 404 not found, 502 otherwise. */
    readonly status: number,
    readonly hint?: string,
    /** The service's own status, when it answered. */
    readonly answered?: number,
  ) {
    super(message)
  }
}

interface Answer {
  ok: boolean
  status: number
  json(): Promise<unknown>
}
type Body<R> = R extends { ok: true; json(): Promise<infer T> } ? T : never

/**
 * Awaits a typed client call and returns its body when it succeeded; otherwise throws an
 * IngestError whose message a person can act on (never a stack trace).
 */
export async function ingestJson<R extends Answer>(call: Promise<R>): Promise<Body<R>> {
  let response: R
  try {
    response = await call
  } catch (cause) {
    throw unreachable(cause)
  }
  // The session ended (or the kiosk token was revoked): sign in again, then come back here.
  if (response.status === 401) signInAgain()
  if (!response.ok) throw await refused(response)
  return (await response.json()) as Body<R>
}

function unreachable(cause: unknown): IngestError {
  const reason =
    cause instanceof Error && cause.name === 'TimeoutError'
      ? 'it did not answer in time'
      : `${errorCode(cause) ?? 'no connection'}`
  return new IngestError(
    `The ingest service at ${apiBaseUrl()} is not answering (${reason}).`,
    503,
    'Start it with `pnpm start`, or point BATON_API_URL at it. This page retries by itself.',
  )
}

async function refused(response: Answer): Promise<IngestError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { message?: string }
  } | null
  const message = body?.error?.message ?? `status ${response.status}`
  if (response.status === 404) {
    return new IngestError(capitalise(message), 404, undefined, response.status)
  }
  return new IngestError(
    `The ingest service answered ${response.status}: ${message}.`,
    502,
    undefined,
    response.status,
  )
}

// Node's fetch hides the socket's error code (ECONNREFUSED) one or two causes down.
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** For loads that cannot show anything without the data: SvelteKit's error page, with the hint. */
export function failLoad(cause: unknown): never {
  if (cause instanceof IngestError) {
    error(cause.status, { message: cause.message, hint: cause.hint })
  }
  throw cause
}

function signInAgain(): never {
  const event = getRequestEvent()
  forgetToken(event.cookies)
  const back = event.url.pathname.startsWith('/api/') ? '/' : event.url.pathname + event.url.search
  redirect(303, `/login?next=${encodeURIComponent(back)}`)
}
