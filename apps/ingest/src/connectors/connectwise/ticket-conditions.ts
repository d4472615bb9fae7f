/**
 * The `conditions` of a ticket read: changed at or after `from` (ConnectWise datetime literals
 * go in square brackets, whole seconds, UTC), on the chosen boards, and any extra conditions.
 */
export function ticketConditions({
  from,
  boards,
  extra,
}: {
  from: number
  boards: readonly string[]
  extra?: string | undefined
}): string {
  const since = new Date(Math.floor(from / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  const parts = [`lastUpdated>=[${since}]`]
  if (boards.length > 0) {
    parts.push(`board/name in (${boards.map((board) => `"${board}"`).join(',')})`)
  }
  if (extra !== undefined) parts.push(`(${extra})`)
  return parts.join(' and ')
}

/** Oldest change first, then by id: the cursor can move with each page. */
export const TICKET_ORDER = 'lastUpdated asc, id asc'
