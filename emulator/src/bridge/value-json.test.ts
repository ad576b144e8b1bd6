import { describe, expect, it } from 'vitest';
import { documentToJson, timestampToJson, valueToJson } from './value-json.js';

describe('timestamps in proto3 JSON', () => {
  it('prints whole seconds without a fraction', () => {
    expect(timestampToJson({ seconds: 1704067200, nanos: 0 })).toBe('2024-01-01T00:00:00Z');
  });

  it('prints 3, 6 or 9 fractional digits, the fewest that are exact', () => {
    expect(timestampToJson({ seconds: 1704067200, nanos: 120_000_000 })).toBe('2024-01-01T00:00:00.120Z');
    expect(timestampToJson({ seconds: 1704067200, nanos: 123_456_000 })).toBe('2024-01-01T00:00:00.123456Z');
    expect(timestampToJson({ seconds: 1704067200, nanos: 1 })).toBe('2024-01-01T00:00:00.000000001Z');
  });

  it('prints times before 1970', () => {
    expect(timestampToJson({ seconds: -1, nanos: 500_000_000 })).toBe('1969-12-31T23:59:59.500Z');
  });
});

describe('values in Firestore REST JSON', () => {
  it('encodes every scalar type', () => {
    expect(valueToJson({ nullValue: null })).toEqual({ nullValue: null });
    expect(valueToJson({ booleanValue: false })).toEqual({ booleanValue: false });
    expect(valueToJson({ integerValue: 9007199254740993n })).toEqual({ integerValue: '9007199254740993' });
    expect(valueToJson({ doubleValue: 1.5 })).toEqual({ doubleValue: 1.5 });
    expect(valueToJson({ stringValue: 'é' })).toEqual({ stringValue: 'é' });
    expect(valueToJson({ bytesValue: new Uint8Array([0, 1, 255]) })).toEqual({ bytesValue: 'AAH/' });
    expect(valueToJson({ timestampValue: { seconds: 0, nanos: 5_000_000 } })).toEqual({
      timestampValue: '1970-01-01T00:00:00.005Z',
    });
    expect(valueToJson({ referenceValue: 'projects/p/databases/(default)/documents/a/b' })).toEqual({
      referenceValue: 'projects/p/databases/(default)/documents/a/b',
    });
    expect(valueToJson({ geoPointValue: { latitude: 0, longitude: -122.5 } })).toEqual({
      geoPointValue: { latitude: 0, longitude: -122.5 },
    });
  });

  it('encodes non-finite doubles and negative zero as strings', () => {
    expect(valueToJson({ doubleValue: NaN })).toEqual({ doubleValue: 'NaN' });
    expect(valueToJson({ doubleValue: Infinity })).toEqual({ doubleValue: 'Infinity' });
    expect(valueToJson({ doubleValue: -Infinity })).toEqual({ doubleValue: '-Infinity' });
    expect(valueToJson({ doubleValue: -0 })).toEqual({ doubleValue: '-0' });
  });

  it('encodes arrays and maps recursively', () => {
    expect(
      valueToJson({
        mapValue: { fields: { tags: { arrayValue: { values: [{ stringValue: 'a' }, { integerValue: 2n }] } } } },
      }),
    ).toEqual({
      mapValue: { fields: { tags: { arrayValue: { values: [{ stringValue: 'a' }, { integerValue: '2' }] } } } },
    });
  });

  it('encodes a stored document with its times', () => {
    expect(
      documentToJson({
        name: 'projects/p/databases/(default)/documents/a/b',
        fields: { n: { integerValue: 1n } },
        createTime: { seconds: 10, nanos: 0 },
        updateTime: { seconds: 11, nanos: 1000 },
      }),
    ).toEqual({
      name: 'projects/p/databases/(default)/documents/a/b',
      fields: { n: { integerValue: '1' } },
      createTime: '1970-01-01T00:00:10Z',
      updateTime: '1970-01-01T00:00:11.000001Z',
    });
  });
});
