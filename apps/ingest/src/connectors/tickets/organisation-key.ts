/**
 * The Baton organisation a vendor record belongs to: the first of the vendor's keys for its
 * organisation (an id, or a readable identifier) that the integration maps. Undefined when none
 * is mapped: the record lies outside what the score watches and is skipped, not quarantined.
 */
export function organisationFor(
  organisations: Readonly<Record<string, string>>,
  keys: ReadonlyArray<string | number | null | undefined>,
): string | undefined {
  for (const key of keys) {
    if (key === null || key === undefined || key === '') continue
    const organisation = organisations[String(key)]
    if (organisation !== undefined) return organisation
  }
  return undefined
}
