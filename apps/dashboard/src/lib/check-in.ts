/** What the check-in form gets back: the beat it recorded, or why none was. */
export type CheckInOutcome =
  | { recorded: true; at: number; ok: boolean; repeated: boolean; inRest: boolean }
  | { recorded: false; message: string }

/** The sentence shown where the button would work, when the dashboard holds no token. */
export const CHECK_IN_NOT_ALLOWED =
  'Check-ins need a section leader of this team, a conductor or an owner; this sign-in only reads.'
