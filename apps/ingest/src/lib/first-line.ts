import { createInterface } from 'node:readline/promises'

/** The first line of a stream (a password or secret piped in), or '' when it ends first. */
export async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, terminal: false })
  for await (const line of lines) {
    lines.close()
    return line
  }
  return ''
}
