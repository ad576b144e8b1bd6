/** The rules language's operators with Firebase's typing: what is allowed, what is an error. */
import { fail, unsupported } from './errors.js';
import { compareOrdered } from './ordering.js';
import {
  SymbolicMap,
  symbolicContains,
  symbolicIs,
  symbolicRelation,
  UNPROVEN,
} from './symbolic.js';
import {
  MAX_INT,
  MIN_INT,
  RDuration,
  RMap,
  RMapDiff,
  RPath,
  RSet,
  RTimestamp,
  RUnknown,
  typeName,
  valuesEqual,
  RLatLng,
  type RValue,
} from './values.js';

export const INTEGER_OVERFLOW = 'Integer overflow error.';
export const DIVISION_BY_ZERO = 'Division by zero error.';
const MAX_TIMESTAMP = 253402300799_999_999_999n;
const MIN_TIMESTAMP = -62135596800_000_000_000n;

function checkInt(v: bigint): bigint {
  if (v > MAX_INT || v < MIN_INT) fail(INTEGER_OVERFLOW);
  return v;
}

function checkTimestamp(n: bigint): RTimestamp {
  if (n > MAX_TIMESTAMP || n < MIN_TIMESTAMP) fail('Timestamp out of range error.');
  return new RTimestamp(n);
}

function isNumber(v: RValue): v is bigint | number {
  return typeof v === 'bigint' || typeof v === 'number';
}

type Arith = '+' | '-' | '*' | '/' | '%';

export function arithmetic(op: Arith, a: RValue, b: RValue): RValue {
  if (a instanceof RUnknown) return a;
  if (b instanceof RUnknown) return b;
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+':
        return checkInt(a + b);
      case '-':
        return checkInt(a - b);
      case '*':
        return checkInt(a * b);
      case '/':
        if (b === 0n) fail(DIVISION_BY_ZERO);
        return checkInt(a / b);
      case '%':
        if (b === 0n) fail(DIVISION_BY_ZERO);
        return a % b;
    }
  }
  if (isNumber(a) && isNumber(b)) {
    const x = Number(a);
    const y = Number(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return x / y;
      case '%':
        return x % y;
    }
  }
  if (op === '+') {
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (a instanceof RTimestamp && b instanceof RDuration) return checkTimestamp(a.nanos + b.nanos);
    if (a instanceof RDuration && b instanceof RTimestamp) return checkTimestamp(a.nanos + b.nanos);
    if (a instanceof RDuration && b instanceof RDuration) return new RDuration(a.nanos + b.nanos);
    if (a instanceof RPath && b instanceof RPath) return new RPath([...a.segments, ...b.segments]);
    if (a instanceof RPath && typeof b === 'string')
      return new RPath([...a.segments, ...b.split('/').filter((s) => s !== '')]);
  }
  if (op === '-') {
    if (a instanceof RTimestamp && b instanceof RTimestamp) return new RDuration(a.nanos - b.nanos);
    if (a instanceof RTimestamp && b instanceof RDuration) return checkTimestamp(a.nanos - b.nanos);
    if (a instanceof RDuration && b instanceof RDuration) return new RDuration(a.nanos - b.nanos);
  }
  return unsupported(op, a, b);
}

export function negate(a: RValue): RValue {
  if (a instanceof RUnknown) return a;
  if (typeof a === 'bigint') return checkInt(-a);
  if (typeof a === 'number') return -a;
  if (a instanceof RDuration) return new RDuration(-a.nanos);
  return unsupported('-', a);
}

export function not(a: RValue): RValue {
  if (a instanceof RUnknown) return a;
  if (typeof a === 'boolean') return !a;
  return unsupported('!', a);
}

/** A query's document compared as a whole: only its non-nullness is known. */
function symbolicMapEquals(a: RValue, b: RValue): boolean | RUnknown | undefined {
  if (!(a instanceof SymbolicMap) && !(b instanceof SymbolicMap)) return undefined;
  return a === null || b === null ? false : UNPROVEN;
}

export function equals(a: RValue, b: RValue): RValue {
  if (a instanceof RUnknown || b instanceof RUnknown) return symbolicRelation('==', a, b);
  const symbolic = symbolicMapEquals(a, b);
  if (symbolic !== undefined) return symbolic;
  return valuesEqual(a, b);
}

export function notEquals(a: RValue, b: RValue): RValue {
  if (a instanceof RUnknown || b instanceof RUnknown) return symbolicRelation('!=', a, b);
  const symbolic = symbolicMapEquals(a, b);
  if (symbolic !== undefined) return typeof symbolic === 'boolean' ? !symbolic : symbolic;
  return !valuesEqual(a, b);
}

export function relation(op: '<' | '<=' | '>' | '>=', a: RValue, b: RValue): RValue {
  if (a instanceof RUnknown || b instanceof RUnknown) return symbolicRelation(op, a, b);
  const c = compareOrdered(a, b);
  if (c === undefined || typeof a === 'boolean') unsupported(op, a, b);
  if (Number.isNaN(c)) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** `a in b`: list and set membership, map key presence. */
export function contains(a: RValue, b: RValue): RValue {
  if (b instanceof RUnknown) return a instanceof RUnknown ? UNPROVEN : symbolicContains(b, a);
  if (a instanceof RUnknown) return Array.isArray(b) && b.length === 0 ? false : a;
  if (Array.isArray(b)) {
    for (const x of b) if (valuesEqual(x, a)) return true;
    return false;
  }
  if (b instanceof RSet) return b.has(a);
  if (b instanceof SymbolicMap) {
    if (typeof a !== 'string') unsupported('in', a, b);
    return b.hasKey(a);
  }
  if (b instanceof RMap) {
    if (typeof a !== 'string') unsupported('in', a, b);
    return b.has(a);
  }
  return unsupported('in', a, b);
}

export const TYPE_NAMES = new Set([
  'bool',
  'bytes',
  'duration',
  'float',
  'int',
  'latlng',
  'list',
  'map',
  'map_diff',
  'number',
  'path',
  'set',
  'string',
  'timestamp',
  'null',
]);

export function isType(a: RValue, type: string): RValue {
  if (a instanceof RUnknown) return symbolicIs(a, type);
  if (type === 'number') return typeof a === 'bigint' || typeof a === 'number';
  if (type === 'map_diff') return a instanceof RMapDiff;
  if (type === 'latlng') return a instanceof RLatLng;
  return typeName(a) === type;
}

/** Truthiness is strict: only a bool is a condition; anything else is an error. */
export function asBool(v: RValue): boolean | RUnknown {
  if (typeof v === 'boolean' || v instanceof RUnknown) return v;
  return fail(`Unsupported operation error. Expected a bool condition, received: ${typeName(v)}.`);
}
