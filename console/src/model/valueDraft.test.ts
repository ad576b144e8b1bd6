import { describe, expect, it } from 'vitest';
import type { Value } from './firestoreValue';
import { draftOf, toFields, toValue, type Draft } from './valueDraft';

const scope = { projectId: 'demo-x', database: '(default)' };
const problems = (draft: Draft) => {
  const result = toValue(draft, scope, 'f');
  return result.ok ? [] : result.problems.map((p) => `${p.at}: ${p.message}`);
};

describe('toValue', () => {
  it('writes each type as the REST API carries it', () => {
    expect(toValue({ type: 'integer', text: ' -9223372036854775808 ' }, scope)).toEqual({
      ok: true,
      value: { integerValue: '-9223372036854775808' },
    });
    expect(toValue({ type: 'double', text: '-Infinity' }, scope)).toEqual({
      ok: true,
      value: { doubleValue: '-Infinity' },
    });
    expect(toValue({ type: 'reference', text: 'users/alice' }, scope)).toEqual({
      ok: true,
      value: { referenceValue: 'projects/demo-x/databases/(default)/documents/users/alice' },
    });
    expect(toValue({ type: 'vector', text: '[1, 2.5 3]' }, scope)).toEqual({
      ok: true,
      value: {
        mapValue: {
          fields: {
            __type__: { stringValue: '__vector__' },
            value: {
              arrayValue: {
                values: [{ doubleValue: 1 }, { doubleValue: 2.5 }, { doubleValue: 3 }],
              },
            },
          },
        },
      },
    });
  });

  it.each<[Draft, RegExp]>([
    [{ type: 'integer', text: '4.5' }, /not an integer/],
    [{ type: 'integer', text: '9223372036854775808' }, /outside the 64-bit integers/],
    [{ type: 'double', text: '1e400' }, /beyond ±1.8e308/],
    [{ type: 'double', text: '12abc' }, /not a number/],
    [{ type: 'timestamp', text: '2025-02-30T00:00:00Z' }, /has no day 30/],
    [{ type: 'bytes', text: 'abc' }, /base64/],
    [{ type: 'reference', text: 'users' }, /Not a document reference: "users" is a collection/],
    [
      { type: 'reference', text: 'projects/other/databases/(default)/documents/a/b' },
      /must point into this database/,
    ],
    [{ type: 'geopoint', latitude: '91', longitude: '0' }, /Latitude must be between -90 and 90/],
    [{ type: 'geopoint', latitude: '0', longitude: 'east' }, /longitude: "east" is not a number/],
    [{ type: 'vector', text: '' }, /at least one number/],
    [{ type: 'string', text: 'a\uDC00' }, /lone surrogate/],
    [
      { type: 'array', items: [{ type: 'array', items: [] }] },
      /f\[0\]: An array cannot hold another array/,
    ],
    [
      { type: 'map', entries: [{ key: '', value: { type: 'null' } }] },
      /field name cannot be empty/,
    ],
  ])('refuses %j', (draft, message) => {
    expect(problems(draft).join('\n')).toMatch(message);
  });

  it('refuses maps nested deeper than Firestore allows', () => {
    let draft: Draft = { type: 'null' };
    for (let i = 0; i < 20; i++) draft = { type: 'map', entries: [{ key: 'm', value: draft }] };
    expect(toValue(draft, scope).ok).toBe(true);
    draft = { type: 'map', entries: [{ key: 'm', value: draft }] };
    expect(problems(draft).join()).toMatch(/at most 20 levels/);
  });

  it('reports every problem, and gives no value while any remains', () => {
    const result = toFields(
      [
        { key: 'n', value: { type: 'integer', text: 'x' } },
        { key: 'ok', value: { type: 'string', text: 'fine' } },
        { key: 'n', value: { type: 'null' } },
        { key: 'when', value: { type: 'timestamp', text: 'soon' } },
      ],
      scope,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.at)).toEqual(['n', 'n', 'when']);
  });
});

describe('draftOf', () => {
  it('round-trips every type through the editor unchanged', () => {
    const fields: Record<string, Value> = {
      s: { stringValue: 'hi' },
      i: { integerValue: '12' },
      d: { doubleValue: 1.5 },
      nan: { doubleValue: 'NaN' },
      b: { booleanValue: true },
      n: { nullValue: null },
      t: { timestampValue: '2025-01-01T00:00:00.5Z' },
      by: { bytesValue: 'aGk=' },
      r: { referenceValue: 'projects/demo-x/databases/(default)/documents/a/b' },
      g: { geoPointValue: { latitude: 1.5, longitude: -2 } },
      a: { arrayValue: { values: [{ integerValue: '1' }, { mapValue: { fields: {} } }] } },
      m: { mapValue: { fields: { '`odd key`': { stringValue: 'x' } } } },
      v: (toValue({ type: 'vector', text: '0.5, 1' }, scope) as { value: Value }).value,
    };
    const draft = draftOf({ mapValue: { fields } });
    expect(draft.type === 'map' && toFields(draft.entries, scope)).toEqual({
      ok: true,
      value: fields,
    });
  });
});
