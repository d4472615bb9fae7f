import { createAccount } from '../../src/auth/accounts.js'
import type { Db } from '../../src/db/database.js'
import type { Role } from '../../src/auth/roles.js'

export const PASSWORD = 'correct horse battery'

type App = { request: (path: string, init?: RequestInit) => Response | Promise<Response> }

/** An account made straight in the database, signed in through the API: its session token. */
export async function signedIn(
  db: Db,
  app: App,
  account: { email: string; role: Role; teams?: string[] },
): Promise<string> {
  await createAccount(db, { name: account.email, password: PASSWORD, ...account })
  const response = await app.request('/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`sign-in of ${account.email}: ${response.status}`)
  return ((await response.json()) as { token: string }).token
}

export interface JsonAnswer {
  status: number
  headers: globalThis.Headers
  // Tests read what they expect of it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

/** A request as someone: their bearer token, JSON in and out. */
export function as(app: App, token: string | undefined) {
  return async (method: string, path: string, body?: unknown): Promise<JsonAnswer> => {
    const response = await app.request(path, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    }
  }
}
