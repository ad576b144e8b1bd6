/**
 * Lossless JSON for values on disk: each value is tagged by its type, int64 as a decimal string,
 * doubles as numbers or the strings NaN/Infinity/-Infinity/-0, bytes as base64.
 */
import type { Fields, Value } from '../../model/value.js';

export type Encoded = Record<string, unknown>;

function encodeDouble(d: number): number | string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (Object.is(d, -0)) return '-0';
  return d;
}

function decodeDouble(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (raw === '-0') return -0;
  return Number(raw);
}

export function encodeValue(v: Value): Encoded {
  if ('nullValue' in v) return { null: true };
  if ('booleanValue' in v) return { bool: v.booleanValue };
  if ('integerValue' in v) return { int: v.integerValue.toString() };
  if ('doubleValue' in v) return { double: encodeDouble(v.doubleValue) };
  if ('timestampValue' in v) return { time: v.timestampValue };
  if ('stringValue' in v) return { string: v.stringValue };
  if ('bytesValue' in v) return { bytes: Buffer.from(v.bytesValue).toString('base64') };
  if ('referenceValue' in v) return { ref: v.referenceValue };
  if ('geoPointValue' in v) return { geo: v.geoPointValue };
  if ('arrayValue' in v) return { array: v.arrayValue.values.map(encodeValue) };
  return { map: encodeFields(v.mapValue.fields) };
}

export function encodeFields(fields: Fields): Record<string, Encoded> {
  const out: Record<string, Encoded> = {};
  for (const key in fields) out[key] = encodeValue(fields[key] as Value);
  return out;
}

export function decodeValue(e: Encoded): Value {
  if ('null' in e) return { nullValue: null };
  if ('bool' in e) return { booleanValue: e['bool'] === true };
  if ('int' in e) return { integerValue: BigInt(e['int'] as string) };
  if ('double' in e) return { doubleValue: decodeDouble(e['double']) };
  if ('time' in e) return { timestampValue: e['time'] as { seconds: number; nanos: number } };
  if ('string' in e) return { stringValue: String(e['string']) };
  if ('bytes' in e)
    return { bytesValue: new Uint8Array(Buffer.from(String(e['bytes']), 'base64')) };
  if ('ref' in e) return { referenceValue: String(e['ref']) };
  if ('geo' in e) return { geoPointValue: e['geo'] as { latitude: number; longitude: number } };
  if ('array' in e) return { arrayValue: { values: (e['array'] as Encoded[]).map(decodeValue) } };
  if ('map' in e)
    return { mapValue: { fields: decodeFields(e['map'] as Record<string, Encoded>) } };
  throw new Error(`Unknown encoded value: ${JSON.stringify(e).slice(0, 80)}`);
}

export function decodeFields(encoded: Record<string, Encoded>): Fields {
  const fields: Fields = {};
  for (const key in encoded) fields[key] = decodeValue(encoded[key] as Encoded);
  return fields;
}
