import type { Context, TypedResponse } from 'hono'

/** JSON text that remembers the type of the value it was serialised from. */
export type JsonText<T> = string & { readonly __json: T }

export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>
}

/**
 * Serves JSON serialised earlier (and cached) as the typed response of that value: large
 * views asked for again and again are stringified once, not once per request.
 */
export function jsonTextResponse<T>(c: Context, text: JsonText<T>): TypedResponse<T, 200, 'json'> {
  return c.body(text, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<
    T,
    200,
    'json'
  >
}
