import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as Connect from '../../apps/ingest/dist/src/db/connect.js'
import type * as EvaluateRhythms from '../../apps/ingest/dist/src/evaluation/evaluate-rhythms.js'
import type * as LoadInputs from '../../apps/ingest/dist/src/evaluation/load-inputs.js'
import type * as Catalog from '../../apps/ingest/dist/src/rhythms/catalog.js'

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

/**
 * The ingest service's compiled modules, imported by path: the bench is no workspace package,
 * and its compiled output sits one folder deeper than its source, so a static import would miss.
 */
export async function importIngest() {
  const dist = new URL('apps/ingest/dist/src/', new URL('../../../', import.meta.url))
  const load = <T>(path: string) => import(new URL(path, dist).href) as Promise<T>
  const [connect, evaluateRhythms, loadInputs, catalog] = await Promise.all([
    load<typeof Connect>('db/connect.js'),
    load<typeof EvaluateRhythms>('evaluation/evaluate-rhythms.js'),
    load<typeof LoadInputs>('evaluation/load-inputs.js'),
    load<typeof Catalog>('rhythms/catalog.js'),
  ])
  return {
    connectDatabase: connect.connectDatabase,
    evaluateRhythms: evaluateRhythms.evaluateRhythms,
    loadInputs: loadInputs.loadInputs,
    loadCatalog: catalog.loadCatalog,
  }
}
