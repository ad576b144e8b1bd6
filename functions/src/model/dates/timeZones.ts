// IANA time zone names ('Europe/Berlin', 'UTC'), checked against the zones this JavaScript
// engine knows (Intl), so that every zone stored can be converted wherever it is read.

/** The shape firestore.rules checks too: an area and a location, or UTC. */
export const TIME_ZONE_PATTERN = /^(UTC|[A-Z][A-Za-z_]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/** Zones seen valid: a few hundred at most, where unknown names could be any number. */
const known = new Set<string>();

export function isTimeZone(name: string): boolean {
  if (known.has(name)) return true;
  if (!TIME_ZONE_PATTERN.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  known.add(name);
  return true;
}
