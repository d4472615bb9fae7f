/** A parsed server-sent event. */
export interface ServerEvent {
  id?: string
  event: string
  data: string
}

/**
 * Reads events from an SSE response until `until` returns true or the time runs out; then
 * cancels the stream. A small parser of the text/event-stream format for tests.
 */
export async function readEvents(
  response: Response,
  until: (events: ServerEvent[]) => boolean,
  timeoutMs = 3000,
): Promise<ServerEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  const events: ServerEvent[] = []
  let buffer = ''
  const deadline = Date.now() + timeoutMs
  try {
    while (!until(events) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((resolve) =>
          setTimeout(() => resolve({ done: true, value: undefined }), deadline - Date.now()),
        ),
      ])
      if (chunk.done) break
      buffer += chunk.value
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event: ServerEvent = { event: 'message', data: '' }
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':')
          const value = rest.join(':').replace(/^ /, '')
          if (field === 'id') event.id = value
          else if (field === 'event') event.event = value
          else if (field === 'data') event.data += value
        }
        events.push(event)
      }
    }
  } finally {
    await reader.cancel()
  }
  return events
}
