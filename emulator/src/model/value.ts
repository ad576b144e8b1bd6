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
