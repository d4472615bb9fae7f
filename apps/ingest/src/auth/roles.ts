/** Who may do what, from most to least: see README "Accounts and roles". */
export const ROLES = ['owner', 'conductor', 'section-leader', 'viewer'] as const
export type Role = (typeof ROLES)[number]

const RANK: Record<Role, number> = { viewer: 0, 'section-leader': 1, conductor: 2, owner: 3 }

/** What one request may see and do, however it signed in (session, kiosk or API token). */
export interface Access {
  /** Who, as the audit log and the logs name it: `account:<id>`, `kiosk:<id>`, `token:<id>`. */
  actor: string
  role: Role
  /** The teams whose rhythms it may see: every team, or these. */
  teams: 'all' | ReadonlySet<string>
  /** A kiosk token only reads, whatever its role. */
  readOnly: boolean
  /** The signed-in account, for a session or a token it created. */
  accountId: string
  /** The session's token hash, so signing out can end it. */
  sessionHash?: string
}

/** Owners and conductors see every team; section leaders and viewers only theirs. */
export function visibleTeams(role: Role, teams: readonly string[] | null): Access['teams'] {
  if (role === 'owner' || role === 'conductor' || teams === null) return 'all'
  return new Set(teams)
}

export function atLeast(access: Access, role: Role): boolean {
  return RANK[access.role] >= RANK[role]
}

export function lesserRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b
}

/** Whether a role may hand out another: never more than one's own. */
export function mayGrant(granter: Role, granted: Role): boolean {
  return RANK[granter] >= RANK[granted]
}

export function seesTeam(access: Access, teamId: string): boolean {
  return access.teams === 'all' || access.teams.has(teamId)
}

/** The teams an access is limited to, or null for every team (API and storage form). */
export function teamList(teams: Access['teams']): string[] | null {
  return teams === 'all' ? null : [...teams].sort()
}
