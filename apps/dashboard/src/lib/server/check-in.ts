import { IngestError, ingestJson } from './ingest-call'
import { CHECK_IN_NOT_ALLOWED } from '$lib/check-in'
import type { CheckInOutcome } from '$lib/check-in'
import type { IngestClient } from './api'

/**
 * Records a person's check-in through the ping API, as them (their session; the browser never
 * sees the token). The idempotency key comes from the rendered form, so a double click makes one
 * beat.
 */
export async function checkIn({
  client,
  rhythmId,
  ok,
  player,
  idempotencyKey,
  at,
}: {
  client: IngestClient
  rhythmId: string
  ok: boolean
  player: string | undefined
  idempotencyKey: string | undefined
  at: number
}): Promise<CheckInOutcome> {
  try {
    const answer = await ingestJson(
      client.v1.beats[':rhythm'].$post({
        param: { rhythm: rhythmId },
        json: {
          ok,
          at,
          ...(player && { player }),
          ...(idempotencyKey && { idempotencyKey }),
        },
      }),
    )
    return answer.created
      ? { recorded: true, at, ok, repeated: false, inRest: answer.inRest }
      : { recorded: true, at, ok, repeated: true, inRest: false }
  } catch (cause) {
    if (!(cause instanceof IngestError)) throw cause
    return { recorded: false, message: refusal(cause) }
  }
}

function refusal(error: IngestError): string {
  if (error.answered === 403) return CHECK_IN_NOT_ALLOWED
  return error.message
}
