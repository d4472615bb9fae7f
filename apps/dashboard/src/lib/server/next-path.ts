/** Only a path of this dashboard: a sign-in link cannot send anyone elsewhere afterwards. */
export function nextPath(url: URL): string {
  return safeNext(url.searchParams.get('next'))
}

export function safeNext(next: string | null | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/'
}
