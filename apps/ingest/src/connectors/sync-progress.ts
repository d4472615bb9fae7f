/** Where a running sync is: shown by the integrations API and the `baton sync` progress bar. */
export interface SyncProgress {
  integrationId: string
  /** Epoch ms. */
  startedAt: number
  /** The stream being read (tickets, backup jobs, devices, ...). */
  stream: string | null
  /** Records read so far in that stream, and its total when the vendor tells. */
  done: number
  total: number | null
  /** Pages and records of the whole run so far. */
  pages: number
  records: number
}

/** The live progress of the syncs this process runs, by integration: in memory, never stored. */
export class SyncProgressBoard {
  private readonly running = new Map<string, SyncProgress>()

  update(progress: SyncProgress): void {
    this.running.set(progress.integrationId, progress)
  }

  finish(integrationId: string): void {
    this.running.delete(integrationId)
  }

  get(integrationId: string): SyncProgress | undefined {
    return this.running.get(integrationId)
  }
}
