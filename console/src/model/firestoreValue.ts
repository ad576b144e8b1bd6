/**
 * Firestore values as the REST API carries them (google.firestore.v1.Value in proto3 JSON), and
 * what the console shows of them. A vector is a map `{__type__: "__vector__", value: [doubles]}`,
 * as Firestore stores it.
 */
export type Value =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: { latitude?: number; longitude?: number } }
  | { arrayValue: { values?: Value[] } }
  | { mapValue: { fields?: Fields } };

export type Fields = Record<string, Value>;

export type ValueType =
  | 'null'
  | 'boolean'
  | 'integer'
  | 'double'
  | 'timestamp'
  | 'string'
  | 'bytes'
  | 'reference'
  | 'geopoint'
  | 'array'
  | 'map'
  | 'vector';

export const VALUE_TYPES: readonly ValueType[] = [
  'string',
  'integer',
  'double',
  'boolean',
  'timestamp',
  'map',
  'array',
  'null',
  'geopoint',
  'reference',
  'bytes',
  'vector',
];

const VECTOR_TYPE = '__vector__';

export function isVector(fields: Fields | undefined): boolean {
  if (!fields) return false;
  const keys = Object.keys(fields);
  const type = fields['__type__'];
  return (
    keys.length === 2 &&
    type !== undefined &&
    'stringValue' in type &&
    type.stringValue === VECTOR_TYPE &&
    fields['value'] !== undefined &&
    'arrayValue' in fields['value']
  );
}

export function vectorValue(numbers: number[]): Value {
  return {
    mapValue: {
      fields: {
        __type__: { stringValue: VECTOR_TYPE },
        value: { arrayValue: { values: numbers.map((n) => ({ doubleValue: n })) } },
      },
    },
  };
}

/** The numbers of a vector value (integers are widened, as Firestore does). */
export function vectorNumbers(fields: Fields): number[] {
  const array = fields['value'];
  const values = array && 'arrayValue' in array ? (array.arrayValue.values ?? []) : [];
  return values.map((v) =>
    'doubleValue' in v ? Number(v.doubleValue) : 'integerValue' in v ? Number(v.integerValue) : NaN,
  );
}

export function typeOf(value: Value): ValueType {
  if ('nullValue' in value) return 'null';
  if ('booleanValue' in value) return 'boolean';
  if ('integerValue' in value) return 'integer';
  if ('doubleValue' in value) return 'double';
  if ('timestampValue' in value) return 'timestamp';
  if ('stringValue' in value) return 'string';
  if ('bytesValue' in value) return 'bytes';
  if ('referenceValue' in value) return 'reference';
  if ('geoPointValue' in value) return 'geopoint';
  if ('arrayValue' in value) return 'array';
  return isVector(value.mapValue.fields) ? 'vector' : 'map';
}

export function arrayItems(value: Value): Value[] {
  return 'arrayValue' in value ? (value.arrayValue.values ?? []) : [];
}

export function mapFields(value: Value): Fields {
  return 'mapValue' in value ? (value.mapValue.fields ?? {}) : {};
}

const SUMMARY_LENGTH = 80;

function clip(text: string): string {
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text;
}

/** One line for a table cell or a tree row; nested values are summarised by size. */
export function summarize(value: Value): string {
  switch (typeOf(value)) {
    case 'null':
      return 'null';
    case 'boolean':
      return String((value as { booleanValue: boolean }).booleanValue);
    case 'integer':
      return (value as { integerValue: string }).integerValue;
    case 'double':
      return String((value as { doubleValue: number | string }).doubleValue);
    case 'timestamp':
      return (value as { timestampValue: string }).timestampValue;
    case 'string':
      return clip(JSON.stringify((value as { stringValue: string }).stringValue));
    case 'bytes':
      return clip(`b64:${(value as { bytesValue: string }).bytesValue}`);
    case 'reference':
      return referencePath((value as { referenceValue: string }).referenceValue);
    case 'geopoint': {
      const { latitude = 0, longitude = 0 } = (
        value as { geoPointValue: { latitude?: number; longitude?: number } }
      ).geoPointValue;
      return `[${Math.abs(latitude)}° ${latitude < 0 ? 'S' : 'N'}, ${Math.abs(longitude)}° ${longitude < 0 ? 'W' : 'E'}]`;
    }
    case 'array': {
      const n = arrayItems(value).length;
      return `array (${n} ${n === 1 ? 'item' : 'items'})`;
    }
    case 'vector':
      return clip(`vector [${vectorNumbers(mapFields(value)).join(', ')}]`);
    case 'map': {
      const n = Object.keys(mapFields(value)).length;
      return `map (${n} ${n === 1 ? 'field' : 'fields'})`;
    }
  }
}

/** `projects/p/databases/d/documents/a/b` → `a/b`. */
export function referencePath(name: string): string {
  const at = name.indexOf('/documents/');
  return at < 0 ? name : name.slice(at + '/documents/'.length);
}
