import { eventsBetween } from '../db/queries/events.js'
import { CHANGES_CHANNEL, readNotice } from '../events/change-notices.js'
import type { DatabaseHandle, Listening } from '../db/connect.js'
import type { EventBus } from '../events/event-bus.js'
import type { RhythmReadModel } from '../read/read-model.js'
import type { Evaluator } from './evaluator.js'
import type { Logger } from 'pino'

/**
 * Follows what other processes write to the same PostgreSQL (another instance, `baton sync`):
 * their rhythms are re-read and re-evaluated here, and the events they journalled reach this
 * process's stream clients, as if written here.
 */
export async function listenForChanges({
  database,
  evaluator,
  bus,
  readModel,
  log,
}: {
  database: DatabaseHandle
  evaluator: Evaluator
  bus: EventBus
  readModel: RhythmReadModel
  log: Logger
}): Promise<Listening> {
  const heard = async (payload: string) => {
    const notice = readNotice(payload)
    if (!notice) return
    if (notice.rhythms === null) evaluator.allInputsChanged()
    else if (notice.rhythms.length > 0) evaluator.touch(notice.rhythms)
    if (notice.events) {
      readModel.invalidate()
      bus.publish(await eventsBetween(database.db, ...notice.events))
    }
  }
  return database.listen(CHANGES_CHANNEL, {
    onNotice: (payload) =>
      void heard(payload).catch((error: unknown) =>
        log.error({ err: error }, 'a change from another process could not be followed'),
      ),
    // Notices sent while the connection was down are lost: assume anything changed.
    onGap: () => evaluator.allInputsChanged(),
  })
}
