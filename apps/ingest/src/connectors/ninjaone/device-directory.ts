import { ninjaDevice } from './ninjaone-api.js'
import { deviceEntry } from './map-device.js'
import type { DeviceEntry } from './map-device.js'

/**
 * The tenant's devices by id, so backup jobs, patch installs and webhooks (which name a device by
 * id) can name it by its player key and find its organisation. Filled by the devices stream each
 * sync and kept in memory: an entry is a few dozen bytes, so tens of thousands of devices cost a
 * few MB. A device it does not know yet (added since, or no sync yet) is fetched once by id.
 */
export class DeviceDirectory {
  private readonly known = new Map<number, DeviceEntry | null>()

  constructor(private readonly fetchDevice: (id: number) => Promise<unknown>) {}

  remember(entry: DeviceEntry): void {
    this.known.set(entry.id, entry)
  }

  /** The device, once `resolve` has looked it up; undefined when NinjaOne has no such device. */
  get(id: number): DeviceEntry | undefined {
    return this.known.get(id) ?? undefined
  }

  /** Looks up the devices not known yet, one request each (a handful per sync at most). */
  async resolve(ids: Iterable<number>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id))
    await Promise.all(
      missing.map(async (id) => {
        const parsed = ninjaDevice.safeParse(await this.fetchDevice(id))
        this.known.set(id, parsed.success ? deviceEntry(parsed.data) : null)
      }),
    )
  }
}
