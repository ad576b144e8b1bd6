/** google.firestore.v1.Value into the normal form of src/model/value.ts. */
import { invalidArgument } from '../../../model/errors.js';
import type { Fields, Value } from '../../../model/value.js';
import type { MessageReader } from './reader.js';

/** Deeper than Firestore allows (its own limit is checked later, with its own error); stops runaway recursion. */
const MAX_DEPTH = 64;

const VALUE_KINDS = [
  'nullValue',
  'booleanValue',
  'integerValue',
  'doubleValue',
  'timestampValue',
  'stringValue',
  'bytesValue',
  'referenceValue',
  'geoPointValue',
  'arrayValue',
  'mapValue',
] as const;
type ValueKind = (typeof VALUE_KINDS)[number];

const NULL_VALUE = { NULL_VALUE: 0 } as const;

export function decodeValue(reader: MessageReader, depth = 0): Value {
  if (depth > MAX_DEPTH) throw invalidArgument(`Value at '${reader.path}' is nested too deeply.`);
  const kind = reader.oneof(VALUE_KINDS) as ValueKind | undefined;
  switch (kind) {
    case undefined:
      throw invalidArgument(`Value at '${reader.path}' has no value type set.`);
    case 'nullValue':
      reader.enumValue(kind, NULL_VALUE);
      return { nullValue: null };
    case 'booleanValue':
      return { booleanValue: reader.boolean(kind) ?? false };
    case 'integerValue':
      return { integerValue: reader.int64(kind) ?? 0n };
    case 'doubleValue':
      return { doubleValue: reader.double(kind) ?? 0 };
    case 'timestampValue':
      return { timestampValue: reader.timestamp(kind) ?? { seconds: 0, nanos: 0 } };
    case 'stringValue':
      return { stringValue: reader.string(kind) ?? '' };
    case 'bytesValue':
      return { bytesValue: reader.bytes(kind) ?? new Uint8Array() };
    case 'referenceValue':
      return { referenceValue: reader.string(kind) ?? '' };
    case 'geoPointValue':
      return { geoPointValue: reader.message(kind, decodeLatLng) ?? { latitude: 0, longitude: 0 } };
    case 'arrayValue':
      return {
        arrayValue: {
          values:
            reader.message(kind, (array) =>
              array.messages('values', (item) => decodeValue(item, depth + 1)),
            ) ?? [],
        },
      };
    case 'mapValue':
      return {
        mapValue: { fields: reader.message(kind, (map) => decodeFields(map, depth + 1)) ?? {} },
      };
  }
}

/** A `fields` map (Document.fields, MapValue.fields). */
export function decodeFields(reader: MessageReader, depth = 0): Fields {
  return reader.messageMap('fields', (value) => decodeValue(value, depth));
}

/** A google.type.LatLng, which must be a point on the globe. */
function decodeLatLng(reader: MessageReader): { latitude: number; longitude: number } {
  const latitude = reader.double('latitude') ?? 0;
  const longitude = reader.double('longitude') ?? 0;
  if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180))
    throw invalidArgument(
      `Geo point at '${reader.path}' is out of range: its latitude must be within ±90 and its longitude within ±180 (google.type.LatLng); got ${latitude}, ${longitude}.`,
    );
  return { latitude, longitude };
}
