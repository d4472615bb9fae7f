/**
 * A vendor record's JSON kept as the text the vendor sent. A large sync would otherwise parse
 * every record into objects, keep them alive until the page is stored, and serialise them again:
 * with text, the parsed objects are garbage as soon as the record is mapped.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** What a record carries as `raw`: the vendor's object, or its JSON text. */
export type VendorRaw = object | RawJson

/** The JSON text to store for a record's raw value. */
export function rawJsonText(raw: unknown): string {
  return raw instanceof RawJson ? raw.text : JSON.stringify(raw ?? null)
}
