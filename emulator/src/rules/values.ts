/**
 * Runtime values of the rules language. Scalars are plain JS values so evaluation allocates
 * little: null, boolean, bigint (int, 64-bit), number (float), string, Uint8Array (bytes) and
 * arrays (list). Richer types are small classes. Firestore documents stay in their wire form and
 * are converted field by field only when a rule reads them.
 */
import type { Fields, Value } from '../model/value.js';
import type { QueryFilter } from './api.js';

export type RValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | readonly RValue[]
  | RMap
  | RSet
  | RMapDiff
  | RPath
  | RTimestamp
  | RDuration
  | RLatLng
  | RUnknown;

export abstract class RMap {
  abstract get(key: string): RValue | undefined;
  abstract keys(): string[];
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  get size(): number {
    return this.keys().length;
  }
}

/** A map built by the engine or by a map literal. */
export class EagerMap extends RMap {
  constructor(readonly entries: Map<string, RValue>) {
    super();
  }
  static of(record: Record<string, RValue>): EagerMap {
    return new EagerMap(new Map(Object.entries(record)));
  }
  get(key: string): RValue | undefined {
    return this.entries.get(key);
  }
  keys(): string[] {
    return [...this.entries.keys()];
  }
  override has(key: string): boolean {
    return this.entries.has(key);
  }
  override get size(): number {
    return this.entries.size;
  }
}

/** A Firestore map (document data) converted one field at a time, on first read. */
export class FieldsMap extends RMap {
  private memo: Map<string, RValue> | null = null;
  constructor(private readonly fields: Fields) {
    super();
  }
  get(key: string): RValue | undefined {
    const cached = this.memo?.get(key);
    if (cached !== undefined) return cached;
    if (!Object.prototype.hasOwnProperty.call(this.fields, key)) return undefined;
    const v = fromFirestoreValue(this.fields[key] as Value);
    (this.memo ??= new Map()).set(key, v);
    return v;
  }
  keys(): string[] {
    return Object.keys(this.fields);
  }
  override has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.fields, key);
  }
}

export class RSet {
  /** Distinct items, in first-seen order. */
  readonly items: RValue[];
  constructor(items: readonly RValue[], alreadyDistinct = false) {
    if (alreadyDistinct) {
      this.items = [...items];
      return;
    }
    const distinct: RValue[] = [];
    for (const item of items) if (!distinct.some((d) => valuesEqual(d, item))) distinct.push(item);
    this.items = distinct;
  }
  has(v: RValue): boolean {
    return this.items.some((d) => valuesEqual(d, v));
  }
}

export interface KeyChanges {
  added: RSet;
  removed: RSet;
  changed: RSet;
  unchanged: RSet;
}

export class RMapDiff {
  private changes: KeyChanges | null = null;

  constructor(
    readonly left: RMap,
    readonly right: RMap,
  ) {}

  /** Sorts every key of either map once; rules often ask a diff several questions. */
  keyChanges(): KeyChanges {
    if (this.changes) return this.changes;
    const added: string[] = [];
    const removed: string[] = [];
    const changed: string[] = [];
    const unchanged: string[] = [];
    for (const k of this.left.keys()) {
      const r = this.right.get(k);
      if (r === undefined) removed.push(k);
      else if (valuesEqual(this.left.get(k) as RValue, r)) unchanged.push(k);
      else changed.push(k);
    }
    for (const k of this.right.keys()) if (!this.left.has(k)) added.push(k);
    this.changes = {
      added: new RSet(added, true),
      removed: new RSet(removed, true),
      changed: new RSet(changed, true),
      unchanged: new RSet(unchanged, true),
    };
    return this.changes;
  }
}

export class RPath {
  constructor(readonly segments: readonly string[]) {}
  toString(): string {
    return '/' + this.segments.join('/');
  }
}

/** Nanoseconds since the Unix epoch. */
export class RTimestamp {
  constructor(readonly nanos: bigint) {}
}

export class RDuration {
  constructor(readonly nanos: bigint) {}
}

export class RLatLng {
  constructor(
    readonly latitude: number,
    readonly longitude: number,
  ) {}
}

/**
 * A value the engine cannot know: a field of the documents a query could return that the query
 * does not pin down ("queries are not filters"). Carries what the query does say about the field,
 * so comparisons the filters imply can still be proven, and the reason reported when unproven.
 */
export class RUnknown {
  constructor(
    readonly reason: string,
    readonly filters: readonly QueryFilter[] = [],
  ) {}
}

export const MAX_INT = (1n << 63n) - 1n;
export const MIN_INT = -(1n << 63n);

export function typeName(v: RValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    default:
      break;
  }
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  if (v instanceof RMap) return 'map';
  if (v instanceof RSet) return 'set';
  if (v instanceof RMapDiff) return 'map_diff';
  if (v instanceof RPath) return 'path';
  if (v instanceof RTimestamp) return 'timestamp';
  if (v instanceof RDuration) return 'duration';
  if (v instanceof RLatLng) return 'latlng';
  return 'unknown';
}

export function isList(v: RValue): v is readonly RValue[] {
  return Array.isArray(v);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `==` semantics: ints and floats compare numerically; values of different types are unequal. */
export function valuesEqual(a: RValue, b: RValue): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint' && tb === 'number')
    return Number(a) === b && BigInt(Math.trunc(b as number)) === a;
  if (ta === 'number' && tb === 'bigint') return valuesEqual(b, a);
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++)
      if (!valuesEqual(a[i] as RValue, b[i] as RValue)) return false;
    return true;
  }
  if (a instanceof RMap) {
    if (!(b instanceof RMap)) return false;
    const keys = a.keys();
    if (keys.length !== b.size) return false;
    for (const k of keys) {
      const bv = b.get(k);
      if (bv === undefined || !valuesEqual(a.get(k) as RValue, bv)) return false;
    }
    return true;
  }
  if (a instanceof RSet) {
    return b instanceof RSet && a.items.length === b.items.length && a.items.every((x) => b.has(x));
  }
  if (a instanceof RPath) {
    return (
      b instanceof RPath &&
      a.segments.length === b.segments.length &&
      a.segments.every((s, i) => s === b.segments[i])
    );
  }
  if (a instanceof RTimestamp) return b instanceof RTimestamp && a.nanos === b.nanos;
  if (a instanceof RDuration) return b instanceof RDuration && a.nanos === b.nanos;
  if (a instanceof RLatLng)
    return b instanceof RLatLng && a.latitude === b.latitude && a.longitude === b.longitude;
  return false;
}

/** `projects/p/databases/d/documents/a/b` → the rules path `/databases/d/documents/a/b`. */
export function referenceToPath(name: string): RPath {
  const parts = name.split('/');
  const i = parts.indexOf('databases');
  return new RPath(i >= 0 ? parts.slice(i) : parts.filter((p) => p !== ''));
}

export function fromFirestoreValue(v: Value): RValue {
  if ('stringValue' in v) return v.stringValue;
  if ('integerValue' in v) return v.integerValue;
  if ('booleanValue' in v) return v.booleanValue;
  if ('doubleValue' in v) return v.doubleValue;
  if ('nullValue' in v) return null;
  if ('mapValue' in v) return new FieldsMap(v.mapValue.fields ?? {});
  if ('arrayValue' in v) return (v.arrayValue.values ?? []).map(fromFirestoreValue);
  if ('timestampValue' in v) return timestampFrom(v.timestampValue.seconds, v.timestampValue.nanos);
  if ('bytesValue' in v) return v.bytesValue;
  if ('referenceValue' in v) return referenceToPath(v.referenceValue);
  if ('geoPointValue' in v) return new RLatLng(v.geoPointValue.latitude, v.geoPointValue.longitude);
  return null;
}

export function timestampFrom(seconds: number, nanos: number): RTimestamp {
  return new RTimestamp(BigInt(seconds) * 1_000_000_000n + BigInt(nanos));
}

/** Converts decoded JSON (token claims) into rules values; integral numbers become ints. */
export function fromJson(v: unknown): RValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object') {
    const entries = new Map<string, RValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) entries.set(k, fromJson(x));
    return new EagerMap(entries);
  }
  return null;
}

/** A short rendering of a value for messages and debug(). */
export function describeValue(v: RValue, depth = 0): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isInteger(v) ? v.toFixed(1) : String(v);
    case 'string':
      return JSON.stringify(v);
    default:
      break;
  }
  if (depth > 3) return '…';
  if (v instanceof Uint8Array) return `b'${Buffer.from(v).toString('hex')}'`;
  if (Array.isArray(v)) return `[${v.map((x) => describeValue(x, depth + 1)).join(', ')}]`;
  if (v instanceof RMap)
    return `{${v
      .keys()
      .map((k) => `${JSON.stringify(k)}: ${describeValue(v.get(k) as RValue, depth + 1)}`)
      .join(', ')}}`;
  if (v instanceof RSet)
    return `set([${v.items.map((x) => describeValue(x, depth + 1)).join(', ')}])`;
  if (v instanceof RPath) return `path(${JSON.stringify(v.toString())})`;
  if (v instanceof RTimestamp) return `timestamp(${timestampToIso(v)})`;
  if (v instanceof RDuration) return `duration(${v.nanos}ns)`;
  if (v instanceof RLatLng) return `latlng(${v.latitude}, ${v.longitude})`;
  if (v instanceof RMapDiff) return 'map_diff';
  return 'unknown';
}

export function timestampToIso(t: RTimestamp): string {
  const ms = Number(floorDiv(t.nanos, 1_000_000n));
  const frac = ((t.nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${frac.toString().padStart(9, '0')}Z`);
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
