import { organisationFor } from '../tickets/organisation-key.js'
import { mapBackupJob } from './map-backup-job.js'
import { mapDevice } from './map-device.js'
import { mapPatchInstall } from './map-patch-install.js'
import { Watermark } from './watermark.js'
import type { SyncOptions, SyncPage } from '../connector.js'
import type { DeviceDirectory } from './device-directory.js'
import type { JobContext } from './map-backup-job.js'
import type { NinjaOneClient } from './ninjaone-client.js'
import type { NinjaOneConfig } from './ninjaone-settings.js'
import type { Outcome } from './outcome.js'
import type { Logger } from 'pino'

export interface StreamDeps {
  config: NinjaOneConfig
  client: NinjaOneClient
  directory: DeviceDirectory
  context: JobContext
  options: SyncOptions
  log: Logger
}

/**
 * `devices`: the whole roster, every sync (it has no watermark, so no cursor). Also fills the
 * device directory the other streams map device ids with.
 */
export async function* devicePages({ client, directory, context, options }: StreamDeps) {
  let done = 0
  for await (const devices of client.devices(options.signal)) {
    const page = emptyPage('devices')
    for (const raw of devices) {
      const { entry, outcome } = mapDevice(raw, context.organisations)
      if (entry) directory.remember(entry)
      collect(page, outcome)
    }
    done += devices.length
    yield { ...page, progress: { done } }
  }
}

/**
 * `backups`: jobs that started after the watermark less the overlap. The watermark moves on the
 * stream's last page only: NinjaOne does not document the order of results, so a watermark
 * committed on an earlier page could pass jobs still to come on later ones. A sync that fails
 * half-way reads those pages again next time (harmless: storage de-duplicates by job id).
 */
export async function* backupPages(deps: StreamDeps): AsyncGenerator<SyncPage> {
  const { client, directory, context, options } = deps
  const { from, watermark } = startOf(deps, 'backups')
  const filters = { stf: `startTime after ${new Date(from).toISOString()}` }
  let done = 0
  for await (const { results, last } of client.query('/v2/backup/jobs', filters, options.signal)) {
    await directory.resolve(jobDevices(results, context.organisations))
    const page = emptyPage('backups')
    for (const raw of results) {
      const outcome = mapBackupJob(raw, context)
      if (outcome.kind === 'running') watermark.open(outcome.startedAt)
      else collect(page, outcome)
      if (outcome.kind === 'record') watermark.passed(outcome.record.startedAt)
    }
    done += results.length
    yield withCursor({ ...page, progress: { done } }, last && watermark.value())
  }
}

/** `patches`: install attempts after the watermark less the overlap (same rules as backups). */
export async function* patchPages(deps: StreamDeps): AsyncGenerator<SyncPage> {
  const { config, client, directory, context, options } = deps
  const { from, watermark } = startOf(deps, 'patches')
  const installedAfter =
    config.patchTimeFormat === 'iso' ? new Date(from).toISOString() : Math.floor(from / 1000)
  const url = '/v2/queries/os-patch-installs'
  let done = 0
  for await (const { results, last } of client.query(url, { installedAfter }, options.signal)) {
    await directory.resolve(results.map((raw) => numberField(raw, 'deviceId')).filter(isId))
    const page = emptyPage('patches')
    for (const raw of results) {
      const outcome = mapPatchInstall(raw, context)
      collect(page, outcome)
      if (outcome.kind === 'record') watermark.passed(outcome.record.at)
    }
    done += results.length
    yield withCursor({ ...page, progress: { done } }, last && watermark.value())
  }
}

function startOf({ config, options, log }: StreamDeps, stream: string) {
  const stored = options.cursors.get(stream)
  let previous: number | undefined
  if (stored !== undefined) {
    previous = Date.parse(stored)
    if (Number.isNaN(previous)) {
      log.warn({ stream, cursor: stored }, 'unreadable cursor; reading from the history start')
      previous = undefined
    }
  }
  const from = previous === undefined ? options.since : previous - config.overlapMs
  return { from, watermark: new Watermark({ from, previous, now: options.now }) }
}

/** Devices of jobs the score watches (or whose organisation only the device can tell). */
function jobDevices(results: unknown[], organisations: Readonly<Record<string, string>>) {
  return results
    .filter((raw) => {
      const organization = numberField(raw, 'organizationId')
      return organization === undefined || organisationFor(organisations, [organization])
    })
    .map((raw) => numberField(raw, 'deviceId'))
    .filter(isId)
}

function numberField(raw: unknown, field: string): number | undefined {
  const value =
    raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined
  return typeof value === 'number' ? value : undefined
}

function isId(id: number | undefined): id is number {
  return id !== undefined && Number.isInteger(id)
}

type PageParts = Pick<SyncPage, 'stream' | 'records' | 'quarantined'>

function emptyPage(stream: string): PageParts {
  return { stream, records: [], quarantined: [] }
}

function collect(page: PageParts, outcome: Outcome<SyncPage['records'][number]>): void {
  if (outcome.kind === 'record') page.records.push(outcome.record)
  else if (outcome.kind === 'quarantined') page.quarantined.push(outcome.quarantined)
}

function withCursor(page: SyncPage, watermark: number | false | undefined): SyncPage {
  return typeof watermark === 'number'
    ? { ...page, cursor: new Date(watermark).toISOString() }
    : page
}
