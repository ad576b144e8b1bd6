/**
 * Firestore values and documents in proto3 JSON, the encoding of Firestore's REST API and of
 * DocumentEventData sent as application/json: int64 as decimal strings, bytes as base64,
 * timestamps as RFC 3339 with up to nine fractional digits, non-finite doubles as strings.
 */
import type { Fields, Timestamp, Value } from '../firestore/model/value.js';
import type { StoredDocument } from './sources.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface DocumentJson {
  [key: string]: JsonValue;
  name: string;
  fields: { [key: string]: JsonValue };
  createTime: string;
  updateTime: string;
}

export function timestampToJson(timestamp: Timestamp): string {
  const whole = new Date(timestamp.seconds * 1000).toISOString().slice(0, 19);
  if (timestamp.nanos === 0) return `${whole}Z`;
  // proto3 JSON prints 3, 6 or 9 digits: the fewest that hold the value exactly.
  let digits = String(timestamp.nanos).padStart(9, '0');
  while (digits.endsWith('000')) digits = digits.slice(0, -3);
  return `${whole}.${digits}Z`;
}

function doubleToJson(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  // JSON numbers cannot carry the sign of zero; proto3 JSON parsers accept numbers as strings.
  if (Object.is(value, -0)) return '-0';
  return value;
}

export function valueToJson(value: Value): { [key: string]: JsonValue } {
  if ('nullValue' in value) return { nullValue: null };
  if ('booleanValue' in value) return { booleanValue: value.booleanValue };
  if ('integerValue' in value) return { integerValue: value.integerValue.toString() };
  if ('doubleValue' in value) return { doubleValue: doubleToJson(value.doubleValue) };
  if ('timestampValue' in value) return { timestampValue: timestampToJson(value.timestampValue) };
  if ('stringValue' in value) return { stringValue: value.stringValue };
  if ('bytesValue' in value) return { bytesValue: Buffer.from(value.bytesValue).toString('base64') };
  if ('referenceValue' in value) return { referenceValue: value.referenceValue };
  if ('geoPointValue' in value) {
    return { geoPointValue: { latitude: value.geoPointValue.latitude, longitude: value.geoPointValue.longitude } };
  }
  if ('arrayValue' in value) return { arrayValue: { values: value.arrayValue.values.map(valueToJson) } };
  return { mapValue: { fields: fieldsToJson(value.mapValue.fields) } };
}

export function fieldsToJson(fields: Fields): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(fields)) out[key] = valueToJson(value);
  return out;
}

export function documentToJson(document: StoredDocument): DocumentJson {
  return {
    name: document.name,
    fields: fieldsToJson(document.fields),
    createTime: timestampToJson(document.createTime),
    updateTime: timestampToJson(document.updateTime),
  };
}
