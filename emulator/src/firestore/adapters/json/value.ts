/**
 * google.firestore.v1.Value in proto3 JSON ↔ the normal form of model/value.ts. A JSON value must
 * set exactly one value type; `{"nullValue": null}` is the null value.
 */
import { invalidArgument } from '../../errors.js';
import type { Fields, Value } from '../../model/value.js';
import { describe, MessageReader } from './reader.js';
import { formatBytes, formatDouble, formatTimestamp } from './scalars.js';

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

export type JsonValue = Record<string, unknown>;

export function encodeValue(value: Value): JsonValue {
  if ('nullValue' in value) return { nullValue: null };
  if ('booleanValue' in value) return { booleanValue: value.booleanValue };
  if ('integerValue' in value) return { integerValue: value.integerValue.toString() };
  if ('doubleValue' in value) return { doubleValue: formatDouble(value.doubleValue) };
  if ('timestampValue' in value) return { timestampValue: formatTimestamp(value.timestampValue) };
  if ('stringValue' in value) return { stringValue: value.stringValue };
  if ('bytesValue' in value) return { bytesValue: formatBytes(value.bytesValue) };
  if ('referenceValue' in value) return { referenceValue: value.referenceValue };
  if ('geoPointValue' in value) return { geoPointValue: { ...value.geoPointValue } };
  if ('arrayValue' in value) {
    return {
      arrayValue:
        value.arrayValue.values.length === 0
          ? {}
          : { values: value.arrayValue.values.map(encodeValue) },
    };
  }
  return {
    mapValue:
      Object.keys(value.mapValue.fields).length === 0
        ? {}
        : { fields: encodeFields(value.mapValue.fields) },
  };
}

export function encodeFields(fields: Fields): Record<string, JsonValue> {
  const json: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(fields)) json[key] = encodeValue(value);
  return json;
}
