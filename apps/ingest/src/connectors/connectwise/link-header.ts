/**
 * The URL of one relation in an RFC 8288 `Link` header, like ConnectWise's
 * `<https://…/service/tickets?page=2>; rel="next", <…>; rel="last"`.
 */
export function linkOf(header: string | undefined, relation: string): string | undefined {
  if (!header) return undefined
  for (const match of header.matchAll(/<([^>]*)>([^,<]*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1]
    if (rel?.toLowerCase().split(/\s+/).includes(relation)) return match[1]
  }
  return undefined
}

/**
 * The next page of a ConnectWise list, from its `Link` header. ConnectWise writes a double slash
 * into its own URLs (`…/apis/3.0//service/tickets`); it is folded so every page has one form. A
 * link to another origin is refused: the request would carry our credentials there.
 */
export function nextPageUrl(header: string | undefined, origin: string): string | undefined {
  const link = linkOf(header, 'next')
  if (link === undefined) return undefined
  const url = new URL(link, origin)
  if (url.origin !== origin) {
    throw new Error(`connectwise: the next page is on ${url.origin}, not on ${origin}`)
  }
  url.pathname = url.pathname.replace(/\/{2,}/g, '/')
  return url.toString()
}
