import type { CueRow } from '../../db/database.js'

/** What one channel sends for one cue: the receiver's own format, ready to POST. */
export interface CueRequest {
  body: string
  headers: Record<string, string>
}

/** The cue as the channels see it: its row, its message already parsed. */
export type Cue = Pick<CueRow, 'id' | 'kind' | 'severity' | 'message' | 'rhythm_id'>
