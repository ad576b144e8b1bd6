/**
 * Values, documents and timestamps in proto3 JSON (https://protobuf.dev/programming-guides/json/),
 * as Firestore's REST API and WebChannel answer and Firestore's CloudEvents carry them: int64 as
 * decimal strings, bytes as base64, timestamps as RFC 3339, non-finite doubles as "NaN",
 * "Infinity", "-Infinity". Decoding client input, which must be checked, is the adapters' work.
 */
import { putOwn, type Fields, type Timestamp, type Value } from './value.js';

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
  for (const [key, value] of Object.entries(fields)) putOwn(json, key, encodeValue(value));
  return json;
}

/** A document as the API returns it; the store's documents, which always carry both times, fit. */
export interface JsonDocumentSource {
  name: string;
  fields: Fields;
  createTime?: Timestamp;
  updateTime?: Timestamp;
}

export function encodeDocument(document: JsonDocumentSource): Record<string, unknown> {
  const json: Record<string, unknown> = { name: document.name };
  if (Object.keys(document.fields).length > 0) json['fields'] = encodeFields(document.fields);
  if (document.createTime) json['createTime'] = formatTimestamp(document.createTime);
  if (document.updateTime) json['updateTime'] = formatTimestamp(document.updateTime);
  return json;
}

export function formatDouble(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function formatBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** RFC 3339 in UTC with as few of 0, 3, 6 or 9 fractional digits as represent the nanos exactly. */
export function formatTimestamp(timestamp: Timestamp): string {
  const date = new Date(0);
  date.setUTCSeconds(timestamp.seconds);
  const datePart = date.toISOString().slice(0, 19); // years 1-9999 print as four digits
  if (timestamp.nanos === 0) return `${datePart}Z`;
  const nanos = String(timestamp.nanos).padStart(9, '0');
  const digits = nanos.endsWith('000000') ? 3 : nanos.endsWith('000') ? 6 : 9;
  return `${datePart}.${nanos.slice(0, digits)}Z`;
}
