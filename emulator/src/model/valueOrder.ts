/**
 * Firestore's total order over values and its two equalities: `compareValues` orders across types
 * (null < booleans < numbers < timestamps < strings < bytes < references < geo points < arrays <
 * vectors < maps), numbers compare numerically whatever their type (NaN first, -0 equals 0), strings
 * by their UTF-8 bytes; `valueEquals` is the stricter identity used by arrayUnion, arrayRemove and
 * change detection (1 and 1.0 differ).
 */
import type { Timestamp, Value } from './value.js';

export const enum TypeOrder {
  Null = 0,
  Boolean = 1,
  Number = 2,
  Timestamp = 3,
  String = 4,
  Bytes = 5,
  Reference = 6,
  GeoPoint = 7,
  Array = 8,
  Vector = 9,
  Map = 10,
}

export function isVector(value: Value): boolean {
  if (!('mapValue' in value)) return false;
  const type = value.mapValue.fields['__type__'];
  return type !== undefined && 'stringValue' in type && type.stringValue === '__vector__';
}

export function typeOrder(value: Value): TypeOrder {
  if ('nullValue' in value) return TypeOrder.Null;
  if ('booleanValue' in value) return TypeOrder.Boolean;
  if ('integerValue' in value || 'doubleValue' in value) return TypeOrder.Number;
  if ('timestampValue' in value) return TypeOrder.Timestamp;
  if ('stringValue' in value) return TypeOrder.String;
  if ('bytesValue' in value) return TypeOrder.Bytes;
  if ('referenceValue' in value) return TypeOrder.Reference;
  if ('geoPointValue' in value) return TypeOrder.GeoPoint;
  if ('arrayValue' in value) return TypeOrder.Array;
  return isVector(value) ? TypeOrder.Vector : TypeOrder.Map;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // At least one NaN: NaN sorts before every other number and equals itself.
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
}

/** Exact comparison of an int64 with a double, without rounding the integer. */
function compareIntDouble(i: bigint, d: number): number {
  if (Number.isNaN(d)) return 1;
  if (d === Infinity) return -1;
  if (d === -Infinity) return 1;
  const floor = Math.floor(d);
  const whole = BigInt(floor);
  if (i < whole) return -1;
  if (i > whole) return 1;
  return d > floor ? -1 : 0;
}

function compareNumeric(a: Value, b: Value): number {
  if ('integerValue' in a) {
    if ('integerValue' in b)
      return a.integerValue < b.integerValue ? -1 : a.integerValue > b.integerValue ? 1 : 0;
    return compareIntDouble(a.integerValue, (b as { doubleValue: number }).doubleValue);
  }
  const da = (a as { doubleValue: number }).doubleValue;
  if ('integerValue' in b) return 0 - compareIntDouble(b.integerValue, da);
  return compareNumbers(da, (b as { doubleValue: number }).doubleValue);
}

/** Compares strings by code point, which is the order of their UTF-8 encodings. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const surrogateA = ca >= 0xd800 && ca <= 0xdfff;
    const surrogateB = cb >= 0xd800 && cb <= 0xdfff;
    if (surrogateA === surrogateB) return ca < cb ? -1 : 1;
    // A surrogate pair encodes a code point above U+FFFF, beyond every BMP character.
    return surrogateA ? 1 : -1;
  }
  return sign(a.length - b.length);
}

export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return a.seconds !== b.seconds ? sign(a.seconds - b.seconds) : sign(a.nanos - b.nanos);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  }
  return sign(a.length - b.length);
}

/** Resource names compare segment by segment, so `a/b` sorts before `a-c`. */
export function compareResourceNames(a: string, b: string): number {
  if (a === b) return 0;
  const sa = a.split('/');
  const sb = b.split('/');
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(sa[i] as string, sb[i] as string);
    if (c !== 0) return c;
  }
  return sign(sa.length - sb.length);
}

function compareArrays(a: Value[], b: Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] as Value, b[i] as Value);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

export function sortedKeys(fields: Record<string, Value>): string[] {
  return Object.keys(fields).sort(compareUtf8);
}

function compareMaps(a: Record<string, Value>, b: Record<string, Value>): number {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(ka[i] as string, kb[i] as string);
    if (c !== 0) return c;
    const v = compareValues(a[ka[i] as string] as Value, b[kb[i] as string] as Value);
    if (v !== 0) return v;
  }
  return sign(ka.length - kb.length);
}

function vectorElements(value: Value): Value[] {
  const inner = (value as { mapValue: { fields: Record<string, Value> } }).mapValue.fields['value'];
  return inner && 'arrayValue' in inner ? inner.arrayValue.values : [];
}

export function compareValues(a: Value, b: Value): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case TypeOrder.Null:
      return 0;
    case TypeOrder.Boolean:
      return sign(
        Number((a as { booleanValue: boolean }).booleanValue) -
          Number((b as { booleanValue: boolean }).booleanValue),
      );
    case TypeOrder.Number:
      return compareNumeric(a, b);
    case TypeOrder.Timestamp:
      return compareTimestamps(
        (a as { timestampValue: Timestamp }).timestampValue,
        (b as { timestampValue: Timestamp }).timestampValue,
      );
    case TypeOrder.String:
      return compareUtf8(
        (a as { stringValue: string }).stringValue,
        (b as { stringValue: string }).stringValue,
      );
    case TypeOrder.Bytes:
      return compareBytes(
        (a as { bytesValue: Uint8Array }).bytesValue,
        (b as { bytesValue: Uint8Array }).bytesValue,
      );
    case TypeOrder.Reference:
      return compareResourceNames(
        (a as { referenceValue: string }).referenceValue,
        (b as { referenceValue: string }).referenceValue,
      );
    case TypeOrder.GeoPoint: {
      const ga = (a as { geoPointValue: { latitude: number; longitude: number } }).geoPointValue;
      const gb = (b as { geoPointValue: { latitude: number; longitude: number } }).geoPointValue;
      return compareNumbers(ga.latitude, gb.latitude) || compareNumbers(ga.longitude, gb.longitude);
    }
    case TypeOrder.Array:
      return compareArrays(
        (a as { arrayValue: { values: Value[] } }).arrayValue.values,
        (b as { arrayValue: { values: Value[] } }).arrayValue.values,
      );
    case TypeOrder.Vector: {
      const va = vectorElements(a);
      const vb = vectorElements(b);
      return va.length !== vb.length ? sign(va.length - vb.length) : compareArrays(va, vb);
    }
    case TypeOrder.Map:
      return compareMaps(
        (a as { mapValue: { fields: Record<string, Value> } }).mapValue.fields,
        (b as { mapValue: { fields: Record<string, Value> } }).mapValue.fields,
      );
  }
}

/** Identity: same type and same value (NaN equals NaN, -0 differs from 0 only for doubles' bits is ignored). */
export function valueEquals(a: Value, b: Value): boolean {
  if ('integerValue' in a) return 'integerValue' in b && a.integerValue === b.integerValue;
  if ('doubleValue' in a) {
    if (!('doubleValue' in b)) return false;
    return (
      a.doubleValue === b.doubleValue ||
      (Number.isNaN(a.doubleValue) && Number.isNaN(b.doubleValue))
    );
  }
  if ('integerValue' in b || 'doubleValue' in b) return false;
  if ('arrayValue' in a) {
    if (!('arrayValue' in b) || a.arrayValue.values.length !== b.arrayValue.values.length)
      return false;
    return a.arrayValue.values.every((v, i) => valueEquals(v, b.arrayValue.values[i] as Value));
  }
  if ('mapValue' in a) {
    if (!('mapValue' in b)) return false;
    return fieldsEqual(a.mapValue.fields, b.mapValue.fields);
  }
  return typeOrder(a) === typeOrder(b) && compareValues(a, b) === 0;
}

export function fieldsEqual(a: Record<string, Value>, b: Record<string, Value>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && valueEquals(a[k] as Value, b[k] as Value));
}

/** Query equality (==, in, array-contains): numbers compare numerically, so 1 == 1.0. */
export function queryEquals(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

export function isNumber(
  value: Value,
): value is { integerValue: bigint } | { doubleValue: number } {
  return 'integerValue' in value || 'doubleValue' in value;
}

export function isNaNValue(value: Value): boolean {
  return 'doubleValue' in value && Number.isNaN(value.doubleValue);
}
