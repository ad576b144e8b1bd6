/**
 * google.firestore.v1.Value from proto3 JSON into the normal form of src/model/value.ts (the way
 * back is src/model/json.ts). A JSON value must set exactly one value type; `{"nullValue": null}`
 * is the null value.
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Fields, Value } from '../../../model/value.js';
import { describe, MessageReader } from './reader.js';

/** Deeper than Firestore allows (its own limit is checked later, with its own error); stops runaway recursion. */
const MAX_JSON_DEPTH = 64;

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

export function decodeValue(json: unknown, path: string, depth = 0): Value {
  if (depth > MAX_JSON_DEPTH) throw invalidArgument(`Value at '${path}' is nested too deeply.`);
  return MessageReader.read(json, path, (reader) => {
    const kinds = VALUE_KINDS.filter((kind) => reader.has(kind));
    if (kinds.length !== 1) {
      throw invalidArgument(
        kinds.length === 0
          ? `Value at '${path}' has no value type set.`
          : `Value at '${path}' sets more than one value type: ${kinds.join(', ')}.`,
      );
    }
    const kind = kinds[0] as (typeof VALUE_KINDS)[number];
    switch (kind) {
      case 'nullValue': {
        const raw = reader.raw('nullValue');
        if (raw !== undefined && raw !== 'NULL_VALUE' && raw !== 0)
          throw invalidArgument(`Invalid value at '${reader.fieldPath(kind)}', ${describe(raw)}.`);
        return { nullValue: null };
      }
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
        return {
          geoPointValue: reader.message(kind, (point) => ({
            latitude: point.double('latitude') ?? 0,
            longitude: point.double('longitude') ?? 0,
          })) ?? { latitude: 0, longitude: 0 },
        };
      case 'arrayValue':
        return {
          arrayValue: {
            values:
              reader.message(kind, (array) =>
                array.repeated('values', (item, itemPath) =>
                  decodeValue(item, itemPath, depth + 1),
                ),
              ) ?? [],
          },
        };
      case 'mapValue':
        return {
          mapValue: { fields: reader.message(kind, (map) => decodeFieldsOf(map, depth + 1)) ?? {} },
        };
    }
  });
}

/** A `fields` map (Document.fields, MapValue.fields). */
export function decodeFieldsOf(reader: MessageReader, depth = 0): Fields {
  return reader.map('fields', (json, path) => decodeValue(json, path, depth));
}
