/**
 * google.firestore.v1.Value from the form protoDefinition.ts decodes (int64 as protobufjs' Longs,
 * bytes as Buffers, enums as names, oneof names in `valueType`) into the internal normal form, and
 * back into the form it encodes (enums as numbers, int64 as numbers or decimal strings, bytes as
 * Uint8Arrays). Anything malformed is INVALID_ARGUMENT.
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Fields, Timestamp, Value } from '../../../model/value.js';

/* A decoded or encodable wire object: loosely typed, validated here. */
export type Wire = Record<string, unknown>;

/** google.protobuf.NullValue.NULL_VALUE, the only value of its enum. */
const NULL_VALUE = 0;

const INT64 = /^-?\d{1,19}$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** protobufjs' Long: an int64 as two 32-bit halves. */
interface Long {
  low: number;
  high: number;
}

const isLong = (raw: unknown): raw is Long =>
  typeof raw === 'object' &&
  raw !== null &&
  typeof (raw as Long).low === 'number' &&
  typeof (raw as Long).high === 'number';

export function int64FromWire(raw: unknown, what: string): bigint {
  if (isLong(raw)) return BigInt.asIntN(64, (BigInt(raw.high) << 32n) | BigInt(raw.low >>> 0));
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return BigInt(raw);
  if (typeof raw !== 'string' || !INT64.test(raw))
    throw invalidArgument(`Invalid ${what}: ${String(raw)}`);
  const value = BigInt(raw);
  if (value > INT64_MAX || value < INT64_MIN)
    throw invalidArgument(`Invalid ${what}: out of range.`);
  return value;
}

export function timestampFromWire(raw: unknown): Timestamp {
  const ts = (raw ?? {}) as Wire;
  const seconds =
    ts['seconds'] === undefined ? 0 : Number(int64FromWire(ts['seconds'], 'timestamp seconds'));
  const nanos = ts['nanos'] === undefined ? 0 : Number(ts['nanos']);
  // Firestore's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
  if (
    seconds < -62135596800 ||
    seconds > 253402300799 ||
    !Number.isInteger(nanos) ||
    nanos < 0 ||
    nanos > 999_999_999
  ) {
    throw invalidArgument('Timestamp out of range.');
  }
  return { seconds, nanos };
}

export function timestampToWire(ts: Timestamp): Wire {
  return { seconds: ts.seconds, nanos: ts.nanos };
}

export function valueFromWire(raw: unknown, depth = 0): Value {
  if (typeof raw !== 'object' || raw === null) throw invalidArgument('Invalid value.');
  if (depth > 100) throw invalidArgument('Value is nested too deeply.');
  const v = raw as Wire;
  switch (v['valueType']) {
    case 'nullValue':
      return { nullValue: null };
    case 'booleanValue':
      return { booleanValue: v['booleanValue'] === true };
    case 'integerValue':
      return { integerValue: int64FromWire(v['integerValue'], 'integer value') };
    case 'doubleValue':
      return { doubleValue: Number(v['doubleValue']) };
    case 'timestampValue':
      return { timestampValue: timestampFromWire(v['timestampValue']) };
    case 'stringValue':
      return { stringValue: String(v['stringValue']) };
    case 'bytesValue':
      return { bytesValue: new Uint8Array(v['bytesValue'] as Buffer) };
    case 'referenceValue':
      return { referenceValue: String(v['referenceValue']) };
    case 'geoPointValue': {
      const g = (v['geoPointValue'] ?? {}) as Wire;
      const latitude = Number(g['latitude'] ?? 0);
      const longitude = Number(g['longitude'] ?? 0);
      if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180))
        throw invalidArgument('Geo point out of range.');
      return { geoPointValue: { latitude, longitude } };
    }
    case 'arrayValue':
      return {
        arrayValue: {
          values: valuesFromWire(((v['arrayValue'] ?? {}) as Wire)['values'], depth + 1),
        },
      };
    case 'mapValue':
      return {
        mapValue: { fields: fieldsFromWire(((v['mapValue'] ?? {}) as Wire)['fields'], depth + 1) },
      };
    default:
      throw invalidArgument('A value must have a value type.');
  }
}

export function valuesFromWire(raw: unknown, depth = 0): Value[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidArgument('Invalid array value.');
  return raw.map((v) => valueFromWire(v, depth));
}

export function fieldsFromWire(raw: unknown, depth = 0): Fields {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null) throw invalidArgument('Invalid map value.');
  const fields: Fields = {};
  for (const [key, value] of Object.entries(raw)) fields[key] = valueFromWire(value, depth);
  return fields;
}

/** A number while exact, which protobufjs writes without parsing; beyond, the decimal string. */
function int64ToWire(value: bigint): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

export function valueToWire(value: Value): Wire {
  if ('nullValue' in value) return { nullValue: NULL_VALUE };
  if ('integerValue' in value) return { integerValue: int64ToWire(value.integerValue) };
  if ('timestampValue' in value) return { timestampValue: timestampToWire(value.timestampValue) };
  if ('bytesValue' in value)
    return {
      bytesValue: Buffer.from(
        value.bytesValue.buffer,
        value.bytesValue.byteOffset,
        value.bytesValue.byteLength,
      ),
    };
  if ('arrayValue' in value)
    return { arrayValue: { values: value.arrayValue.values.map(valueToWire) } };
  if ('mapValue' in value) return { mapValue: { fields: fieldsToWire(value.mapValue.fields) } };
  return value as Wire;
}

export function fieldsToWire(fields: Fields): Wire {
  const wire: Wire = {};
  for (const key in fields) wire[key] = valueToWire(fields[key] as Value);
  return wire;
}
