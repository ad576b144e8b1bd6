/**
 * proto3 JSON scalars read from client input (https://protobuf.dev/programming-guides/json/):
 * int64 as decimal strings (numbers accepted too), bytes as base64 (standard or URL-safe, padding
 * optional), timestamps as RFC 3339 with up to 9 fractional digits, non-finite doubles as "NaN",
 * "Infinity", "-Infinity". Writing them is model/json.ts (src/model/).
 */
import { invalidArgument } from '../../../model/errors.js';
import {
  MAX_TIMESTAMP_SECONDS,
  MIN_TIMESTAMP_SECONDS,
  type Timestamp,
} from '../../../model/value.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function parseInt64(json: unknown, path: string): bigint {
  let value: bigint | undefined;
  if (typeof json === 'string' && /^-?\d{1,20}$/.test(json)) value = BigInt(json);
  else if (typeof json === 'number' && Number.isSafeInteger(json)) value = BigInt(json);
  if (value === undefined || value < INT64_MIN || value > INT64_MAX) {
    throw invalidArgument(`Invalid value at '${path}' (TYPE_INT64), ${JSON.stringify(json)}`);
  }
  return value;
}

export function parseInt32(json: unknown, path: string): number {
  const value = typeof json === 'string' && /^-?\d{1,10}$/.test(json) ? Number(json) : json;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < INT32_MIN ||
    value > INT32_MAX
  ) {
    throw invalidArgument(`Invalid value at '${path}' (TYPE_INT32), ${JSON.stringify(json)}`);
  }
  return value;
}

export function parseDouble(json: unknown, path: string): number {
  if (typeof json === 'number') return json;
  if (json === 'NaN') return NaN;
  if (json === 'Infinity') return Infinity;
  if (json === '-Infinity') return -Infinity;
  if (typeof json === 'string' && json.trim() !== '' && Number.isFinite(Number(json)))
    return Number(json);
  throw invalidArgument(`Invalid value at '${path}' (TYPE_DOUBLE), ${JSON.stringify(json)}`);
}

export function parseBool(json: unknown, path: string): boolean {
  if (typeof json !== 'boolean')
    throw invalidArgument(`Invalid value at '${path}' (TYPE_BOOL), ${JSON.stringify(json)}`);
  return json;
}

export function parseString(json: unknown, path: string): string {
  if (typeof json !== 'string')
    throw invalidArgument(`Invalid value at '${path}' (TYPE_STRING), ${JSON.stringify(json)}`);
  return json;
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

export function parseBytes(json: unknown, path: string): Uint8Array {
  if (typeof json !== 'string' || !BASE64.test(json) || json.replace(/=+$/, '').length % 4 === 1) {
    throw invalidArgument(`Invalid value at '${path}' (TYPE_BYTES), ${JSON.stringify(json)}`);
  }
  return new Uint8Array(Buffer.from(json.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseTimestamp(json: unknown, path: string): Timestamp {
  const match = typeof json === 'string' ? RFC3339.exec(json) : null;
  const invalid = () =>
    invalidArgument(
      `Invalid value at '${path}' (type.googleapis.com/google.protobuf.Timestamp), Field '${path}', Invalid time format: ${JSON.stringify(json)}`,
    );
  if (!match) throw invalid();
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    throw invalid();
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  let seconds = date.getTime() / 1000;
  if (match[9] !== undefined) {
    const offset = (Number(match[10]) * 60 + Number(match[11])) * 60;
    seconds += match[9] === '+' ? -offset : offset;
  }
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) throw invalid();
  const nanos = match[7] === undefined ? 0 : Number(match[7].padEnd(9, '0'));
  return { seconds, nanos };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
