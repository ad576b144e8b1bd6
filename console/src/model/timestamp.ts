/**
 * Timestamps as Firestore accepts them: RFC 3339 with a time zone, nanosecond precision, between
 * 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z. Parsed to the UTC ("Z") form the REST
 * API carries, keeping every fractional digit.
 */
import type { Checked } from './names';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;
const EXAMPLE = '2025-03-14T09:30:00Z or 2025-03-14T10:30:00.5+01:00';

const MIN_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Seconds since the epoch of a UTC calendar time (years 1-9999, unlike Date.UTC for 0-99). */
function epochSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime() / 1000;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function parseTimestamp(text: string): Checked<string> {
  const match = RFC3339.exec(text.trim());
  if (!match) return { ok: false, message: `Not a timestamp: write it as ${EXAMPLE}.` };
  const [, y, mo, d, h, mi, s, fraction = '', z, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (!z && !sign)
    return {
      ok: false,
      message: `Add a time zone: "Z" for UTC or an offset such as +01:00 (${EXAMPLE}).`,
    };
  if (year < 1) return { ok: false, message: 'Firestore timestamps start at year 0001.' };
  if (month < 1 || month > 12) return { ok: false, message: `There is no month ${mo}.` };
  if (day < 1 || day > daysInMonth(year, month))
    return { ok: false, message: `${y}-${mo} has no day ${d}.` };
  if (hour > 23 || minute > 59 || second > 59)
    return { ok: false, message: `${h}:${mi}:${s} is not a time of day.` };
  const offsetHours = Number(oh ?? 0);
  const offsetMinutes = Number(om ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59)
    return { ok: false, message: `${sign}${oh}:${om} is not a time zone offset.` };
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  const seconds = epochSeconds(year, month, day, hour, minute, second) - offset;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS)
    return {
      ok: false,
      message:
        'Firestore timestamps must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z.',
    };
  const utc = new Date(seconds * 1000);
  const iso =
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}` +
    `T${pad(utc.getUTCHours(), 2)}:${pad(utc.getUTCMinutes(), 2)}:${pad(utc.getUTCSeconds(), 2)}`;
  return { ok: true, value: `${iso}${fraction ? `.${fraction}` : ''}Z` };
}

/** The current time as Firestore's REST API writes it. */
export function nowTimestamp(): string {
  return new Date().toISOString();
}
