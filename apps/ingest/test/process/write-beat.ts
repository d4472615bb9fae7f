// Run by tests as a process of its own (from dist): writes one beat to a PostgreSQL database
// through the storage path every writer uses, as a second Baton instance or `baton sync` would.
// Usage: node dist/test/process/write-beat.js <database url> <rhythm id>
import { recordBeat } from '../../src/beats/record-beat.js'
import { connectDatabase } from '../../src/db/connect.js'
import { loadCatalog } from '../../src/rhythms/catalog.js'

const [databaseUrl, rhythmId] = process.argv.slice(2)
if (!databaseUrl || !rhythmId) throw new Error('usage: write-beat <database url> <rhythm id>')
const handle = await connectDatabase({ databaseUrl, dataDir: '' })
try {
  const catalog = await loadCatalog(handle.db)
  await recordBeat({
    db: handle.db,
    catalog,
    input: { rhythmId, at: Date.now() - 60_000, ok: true, origin: 'api' },
  })
} finally {
  await handle.close()
}
