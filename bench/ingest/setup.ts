import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as Connect from '../../apps/ingest/dist/src/db/connect.js'
import type * as EvaluateRhythms from '../../apps/ingest/dist/src/evaluation/evaluate-rhythms.js'
import type * as InputCache from '../../apps/ingest/dist/src/evaluation/input-cache.js'
import type * as LoadInputs from '../../apps/ingest/dist/src/evaluation/load-inputs.js'
import type * as Catalog from '../../apps/ingest/dist/src/rhythms/catalog.js'
import type * as Accounts from '../../apps/ingest/dist/src/auth/accounts.js'
import type * as Sessions from '../../apps/ingest/dist/src/auth/sessions.js'

// Where the ingest bench keeps things. The server can be moved with BENCH_PG (a postgres:// URL
// of a database to administer from, like the default); the bench database is always dropped
// and created again by the seed.
const ADMIN_URL = new URL(process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres')

export const BENCH_DB = 'baton_bench'
export const ADMIN_DATABASE_URL = ADMIN_URL.href
export const DATABASE_URL = new URL(`/${BENCH_DB}`, ADMIN_URL).href
/** The bench's own connections name themselves, so they can be told from the service's. */
export const BENCH_APPLICATION = 'baton-bench'
export const BENCH_CONNECTION_URL = `${DATABASE_URL}?application_name=${BENCH_APPLICATION}`
export const SCORE_FILE = join(tmpdir(), 'baton-bench', 'bench.score.yaml')

/** The ping token of the one organisation whose rhythms the bench posts beats to. */
export const TOKEN = 'bench-token'
export const PINGED_ORGANISATION = 'o01'

// Compiled, this file runs from bench/dist/ingest: three levels below the repository root.
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const INGEST_MAIN = join(ROOT, 'apps/ingest/dist/src/main.js')
export const INGEST_PACKAGE = join(ROOT, 'apps/ingest/package.json')

/**
 * The ingest service's compiled modules, imported by path: the bench is no workspace package,
 * and its compiled output sits one folder deeper than its source, so a static import would miss.
 */
export async function importIngest() {
  const dist = new URL('apps/ingest/dist/src/', new URL('../../../', import.meta.url))
  const load = <T>(path: string) => import(new URL(path, dist).href) as Promise<T>
  const [connect, evaluateRhythms, loadInputs, inputCache, catalog, accounts, sessions] =
    await Promise.all([
      load<typeof Connect>('db/connect.js'),
      load<typeof EvaluateRhythms>('evaluation/evaluate-rhythms.js'),
      load<typeof LoadInputs>('evaluation/load-inputs.js'),
      load<typeof InputCache>('evaluation/input-cache.js'),
      load<typeof Catalog>('rhythms/catalog.js'),
      load<typeof Accounts>('auth/accounts.js'),
      load<typeof Sessions>('auth/sessions.js'),
    ])
  type Db = Parameters<typeof accounts.accountByEmail>[0]
  return {
    connectDatabase: connect.connectDatabase,
    evaluateRhythms: evaluateRhythms.evaluateRhythms,
    loadInputs: loadInputs.loadInputs,
    InputCache: inputCache.InputCache,
    loadCatalog: catalog.loadCatalog,
    /** A session of the bench's own owner account: the API is read as a signed-in person. */
    async readerToken(db: Db): Promise<string> {
      const email = 'bench@baton.bench'
      const owner =
        (await accounts.accountByEmail(db, email)) ??
        (await accounts.createAccount(db, { email, name: 'Bench', role: 'owner' }))
      return (await sessions.createSession(db, owner.id, Date.now())).token
    },
  }
}
