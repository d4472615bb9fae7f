import { setTimeout as sleep } from 'node:timers/promises'

export interface BeatLatency {
  /** From sending the POST to reading its `beat` event on the stream, per beat, in ms. */
  stream: number[]
  /** The POST's own response time, per beat, in ms. */
  post: number[]
  /** Beats answered 201 whose event never came within the timeout. */
  lost: number
  /** POSTs not answered 201, by status (0: no answer). */
  failed: Record<number, number>
}

interface StreamEvent {
  event: string
  data: string
}

/**
 * Opens the live stream as a dashboard would, then posts `beats` beats through the ping API, one
 * every `intervalMs` (rotating over `rhythmIds`, each at a distinct time), and times how long
 * each takes to come back as a `beat` event.
 */
export async function beatLatency({
  url,
  token,
  readToken,
  rhythmIds,
  beats,
  intervalMs,
  timeoutMs = 5_000,
}: {
  url: string
  /** The ping token beats are posted with. */
  token: string
  /** A signed-in reader's token, for the stream. */
  readToken: string
  rhythmIds: readonly string[]
  beats: number
  intervalMs: number
  timeoutMs?: number
}): Promise<BeatLatency> {
  const result: BeatLatency = { stream: [], post: [], lost: 0, failed: {} }
  const sentAt = new Map<string, number>()
  const closing = new AbortController()
  let helloed: () => void = () => {}
  const hello = new Promise<void>((resolve) => (helloed = resolve))

  const response = await fetch(`${url}/v1/stream`, {
    signal: closing.signal,
    headers: { authorization: `Bearer ${readToken}` },
  })
  if (!response.ok || !response.body) throw new Error(`GET /v1/stream: ${response.status}`)
  const reading = readEvents(response.body, ({ event, data }) => {
    if (event === 'hello') helloed()
    if (event !== 'beat') return
    const { rhythmId, at } = JSON.parse(data) as { rhythmId: string; at: number }
    const sent = sentAt.get(`${rhythmId}@${at}`)
    if (sent === undefined) return
    result.stream.push(performance.now() - sent)
    sentAt.delete(`${rhythmId}@${at}`)
  }).catch((error: unknown) => {
    if (!closing.signal.aborted) throw error
  })
  await hello

  const posts: Array<Promise<void>> = []
  const started = performance.now()
  let lastAt = 0
  for (let i = 0; i < beats; i++) {
    await sleep(Math.max(0, started + i * intervalMs - performance.now()))
    const rhythmId = rhythmIds[i % rhythmIds.length]!
    const at = (lastAt = Math.max(Date.now(), lastAt + 1))
    const sent = performance.now()
    sentAt.set(`${rhythmId}@${at}`, sent)
    const posted = postBeat(url, token, rhythmId, at).then((status) => {
      if (status === 201) return void result.post.push(performance.now() - sent)
      result.failed[status] = (result.failed[status] ?? 0) + 1
      sentAt.delete(`${rhythmId}@${at}`)
    })
    posts.push(posted)
  }
  await Promise.all(posts)
  const deadline = performance.now() + timeoutMs
  while (sentAt.size > 0 && performance.now() < deadline) await sleep(10)
  result.lost = sentAt.size
  closing.abort()
  await reading
  return result
}

async function postBeat(url: string, token: string, rhythmId: string, at: number): Promise<number> {
  try {
    const response = await fetch(`${url}/v1/beats/${rhythmId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ at }),
    })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}

/** A minimal text/event-stream reader: blank-line separated blocks of `field: value` lines. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent) => void,
): Promise<void> {
  let buffer = ''
  for await (const chunk of body.pipeThrough(new TextDecoderStream())) {
    buffer += chunk
    const blocks = buffer.split(/\r?\n\r?\n/)
    buffer = blocks.pop()!
    for (const block of blocks) {
      const event: StreamEvent = { event: 'message', data: '' }
      for (const line of block.split(/\r?\n/)) {
        const [field, ...rest] = line.split(':')
        const value = rest.join(':').replace(/^ /, '')
        if (field === 'event') event.event = value
        if (field === 'data') event.data += value
      }
      onEvent(event)
    }
  }
}
