/** The page's query with another offset, keeping its filters. */
export function withOffset(url: URL, offset: number): string {
  const search = new URLSearchParams(url.search)
  if (offset > 0) search.set('offset', String(offset))
  else search.delete('offset')
  return search.toString()
}
