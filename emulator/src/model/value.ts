/**
 * Firestore's value model, as google.firestore.v1.Value with one normal form for every wire:
 * int64 as bigint, bytes as Uint8Array, timestamps as seconds + nanos. Every adapter (gRPC, REST,
 * WebChannel) converts to and from this form at its edge; everything inside speaks only this.
 */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

/** google.protobuf.Timestamp's range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z. */
export const MIN_TIMESTAMP_SECONDS = -62135596800;
export const MAX_TIMESTAMP_SECONDS = 253402300799;

export interface LatLng {
  latitude: number;
  longitude: number;
}

export type Value =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: bigint }
  | { doubleValue: number }
  | { timestampValue: Timestamp }
  | { stringValue: string }
  | { bytesValue: Uint8Array }
  /** Full resource name: projects/{p}/databases/{d}/documents/{path}. */
  | { referenceValue: string }
  | { geoPointValue: LatLng }
  | { arrayValue: { values: Value[] } }
  | { mapValue: { fields: Record<string, Value> } };

export type Fields = Record<string, Value>;

/**
 * The field `name` of a map, or undefined. Field names are data: `toString` or `constructor` must
 * never find the properties every JavaScript object inherits.
 */
export function ownField(fields: Fields, name: string): Value | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/** Names Firestore keeps for itself (`__.*__`): a write may not use one for a field. */
export function isReservedFieldName(name: string): boolean {
  return name.length >= 4 && name.startsWith('__') && name.endsWith('__');
}

/**
 * Sets `record[key]` as its own property, `__proto__` included (an assignment to `__proto__` would
 * change the record's prototype instead): how decoders build maps whose keys are data.
 */
export function putOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else record[key] = value;
}

/** A map's fields from [name, value] pairs, every name (`__proto__` included) its own key. */
export function fieldsFrom(entries: Iterable<[string, Value]>): Fields {
  const fields: Fields = {};
  for (const [name, value] of entries) putOwn(fields, name, value);
  return fields;
}
