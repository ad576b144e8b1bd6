/** `timestamp.*`, `duration.*` and the methods of timestamp and duration values (all UTC). */
import { fail, invalidArgument } from '../errors.js';
import { floorDiv, RDuration, RTimestamp } from '../values.js';
import { arity, intArg, numberArg, stringArg, type Fn, type Method } from './args.js';

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NS_PER_S;
const MAX_TIMESTAMP = 253402300799_999_999_999n;
const MIN_TIMESTAMP = -62135596800_000_000_000n;

export function timestampOf(nanos: bigint): RTimestamp {
  if (nanos > MAX_TIMESTAMP || nanos < MIN_TIMESTAMP) fail('Timestamp out of range error.');
  return new RTimestamp(nanos);
}

function utc(t: RTimestamp): Date {
  return new Date(Number(floorDiv(t.nanos, NS_PER_MS)));
}

const UNITS: Record<string, bigint> = {
  w: 7n * NS_PER_DAY,
  d: NS_PER_DAY,
  h: 3600n * NS_PER_S,
  m: 60n * NS_PER_S,
  s: NS_PER_S,
  ms: NS_PER_MS,
  ns: 1n,
};

export const timestampFunctions: Record<string, Fn> = {
  date: (a) => {
    arity('timestamp.date', a, 3);
    const [y, m, d] = [0, 1, 2].map((i) => Number(intArg('timestamp.date', a, i))) as [
      number,
      number,
      number,
    ];
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    if (y < 1 || y > 9999 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
      invalidArgument('timestamp.date', a);
    // Date.UTC maps years 0-99 to 1900-1999.
    const fixed = new Date(ms);
    fixed.setUTCFullYear(y);
    return timestampOf(BigInt(fixed.getTime()) * NS_PER_MS);
  },
  value: (a) => (
    arity('timestamp.value', a, 1),
    timestampOf(intArg('timestamp.value', a, 0) * NS_PER_MS)
  ),
};

export const durationFunctions: Record<string, Fn> = {
  abs: (a) => {
    arity('duration.abs', a, 1);
    const d = a[0];
    if (!(d instanceof RDuration)) return invalidArgument('duration.abs', a);
    return new RDuration(d.nanos < 0n ? -d.nanos : d.nanos);
  },
  time: (a) => {
    arity('duration.time', a, 4);
    const [h, m, s, ns] = [0, 1, 2, 3].map((i) => intArg('duration.time', a, i)) as [
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    return new RDuration(h * UNITS.h! + m * UNITS.m! + s * NS_PER_S + ns);
  },
  value: (a) => {
    arity('duration.value', a, 2);
    const unit = UNITS[stringArg('duration.value', a, 1)];
    if (unit === undefined)
      return fail("Invalid duration unit: expected one of 'w', 'd', 'h', 'm', 's', 'ms', 'ns'.");
    const magnitude = a[0];
    if (typeof magnitude === 'bigint') return new RDuration(magnitude * unit);
    return new RDuration(BigInt(Math.round(numberArg('duration.value', a, 0) * Number(unit))));
  },
};

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function nanosOfSecond(t: RTimestamp): bigint {
  return ((t.nanos % NS_PER_S) + NS_PER_S) % NS_PER_S;
}

export const timestampMethods: Record<string, Method<RTimestamp>> = {
  date: (t, a) => (arity('date', a, 0), new RTimestamp(floorDiv(t.nanos, NS_PER_DAY) * NS_PER_DAY)),
  year: (t, a) => (arity('year', a, 0), BigInt(utc(t).getUTCFullYear())),
  month: (t, a) => (arity('month', a, 0), BigInt(utc(t).getUTCMonth() + 1)),
  day: (t, a) => (arity('day', a, 0), BigInt(utc(t).getUTCDate())),
  hours: (t, a) => (arity('hours', a, 0), BigInt(utc(t).getUTCHours())),
  minutes: (t, a) => (arity('minutes', a, 0), BigInt(utc(t).getUTCMinutes())),
  seconds: (t, a) => (arity('seconds', a, 0), BigInt(utc(t).getUTCSeconds())),
  nanos: (t, a) => (arity('nanos', a, 0), nanosOfSecond(t)),
  dayOfWeek: (t, a) => (arity('dayOfWeek', a, 0), BigInt(((utc(t).getUTCDay() + 6) % 7) + 1)),
  dayOfYear: (t, a) => (arity('dayOfYear', a, 0), BigInt(dayOfYear(utc(t)))),
  time: (t, a) => (
    arity('time', a, 0),
    new RDuration(((t.nanos % NS_PER_DAY) + NS_PER_DAY) % NS_PER_DAY)
  ),
  toMillis: (t, a) => (arity('toMillis', a, 0), floorDiv(t.nanos, NS_PER_MS)),
};

export const durationMethods: Record<string, Method<RDuration>> = {
  seconds: (d, a) => (arity('seconds', a, 0), d.nanos / NS_PER_S),
  nanos: (d, a) => (arity('nanos', a, 0), d.nanos % NS_PER_S),
};
