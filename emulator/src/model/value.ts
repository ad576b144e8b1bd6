/**
 * Firestore's value model, as google.firestore.v1.Value with one normal form for every wire:
 * int64 as bigint, bytes as Uint8Array, timestamps as seconds + nanos. Every adapter (gRPC, REST,
 * WebChannel) converts to and from this form at its edge; everything inside speaks only this.
 */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

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
