/**
 * Field names are data. Names that are also properties of every JavaScript object (`toString`,
 * `constructor`, `hasOwnProperty`, ...) are written, read back, queried (orderBy, ==, in,
 * array-contains on a nested path), masked and transformed like any other name, on gRPC, REST and
 * WebChannel. Names Firestore reserves (`__.*__`, quotas page: "Cannot match the regular
 * expression __.*__"; `__proto__` and `__defineGetter__` are among them) are refused with
 * INVALID_ARGUMENT wherever a write names a field: in its fields at any depth, its update mask
 * and its transforms. `__name__` keeps its meaning in queries.
 */
import { describe, expect, it } from 'vitest';
import { int, str, useHostileFirestore, type Json, type Wire } from './firestoreSetup.js';
import { arr, fieldFilter } from '../wireMessages.js';
import { webChannel } from './wire.js';

const fs = useHostileFirestore('demo-field-names');
const { db: DB, docs: DOCS } = fs;

const BUILT_INS = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
const isReserved = (name: string): boolean => /^__.*__$/.test(name);
/** constructor, hasOwnProperty, isPrototypeOf, propertyIsEnumerable, toString, valueOf, toLocaleString. */
const VALID = BUILT_INS.filter((name) => !isReserved(name));
/** __proto__, __defineGetter__, __defineSetter__, __lookupGetter__, __lookupSetter__. */
const RESERVED = BUILT_INS.filter(isReserved);
const RESERVED_MESSAGE = /Document fields cannot begin and end with "__"/;

type WireName = 'grpc' | 'rest' | 'webchannel';
const WIRES: WireName[] = ['grpc', 'rest', 'webchannel'];

/** A Value in the form both the raw gRPC client and JSON accept (no nulls, int64 as strings). */
const map = (fields: Wire): Wire => ({ mapValue: { fields } });
/** Own entries, `__proto__` included: what a wire message's map holds. */
const record = (entries: [string, unknown][]): Wire => Object.fromEntries(entries);

/** A value as the test wrote it, from any wire's answer (drops proto-loader's `valueType`). */
function plain(value: Json): Json {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'valueType')
      .map(([key, inner]) => [key, plain(inner)]),
  );
}

async function commitVia(
  wire: WireName,
  writes: Wire[],
): Promise<{ code: number; message: string }> {
  if (wire === 'grpc')
    return fs.commit(writes).then(
      () => ({ code: 0, message: '' }),
      (e: { code: number; details: string }) => ({ code: e.code, message: e.details }),
    );
  if (wire === 'rest') {
    const answer = await fs.rest('POST', `${DB}/documents:commit`, { writes });
    return answer.status === 200
      ? { code: 0, message: '' }
      : { code: answer.status === 400 ? 3 : answer.status, message: answer.json.error.message };
  }
  const channel = webChannel(`http://${fs.hostPort}`, DB);
  const sid = await channel.open('Write', [{ database: DB }], 'Authorization:Bearer owner\r\n');
  await channel.receive('Write', sid, 1);
  await channel.send('Write', sid, 1, [{ writes }]);
  const [, answer] = (await channel.receive('Write', sid, 2)) as Json[];
  return answer.error
    ? { code: answer.error.status === 'INVALID_ARGUMENT' ? 3 : -1, message: answer.error.message }
    : { code: 0, message: '' };
}

async function getVia(wire: WireName, path: string, mask?: string[]): Promise<Json> {
  if (wire === 'grpc')
    return plain(
      await fs.client.unary('GetDocument', {
        name: `${DOCS}/${path}`,
        ...(mask ? { mask: { fieldPaths: mask } } : {}),
      }),
    );
  const params = new URLSearchParams();
  for (const field of mask ?? []) params.append('mask.fieldPaths', field);
  return (await fs.rest('GET', `${DOCS}/${path}?${params}`)).json;
}

/** The documents a query answers, as [name, fields] pairs, over one wire. */
async function queryVia(wire: WireName, structuredQuery: Wire): Promise<[string, Json][]> {
  const pairs = (documents: Json[]): [string, Json][] =>
    documents.map((doc) => [String(doc.name).slice(DOCS.length + 1), doc.fields ?? {}]);
  if (wire === 'grpc') {
    const answers = await fs.client.stream('RunQuery', { parent: DOCS, structuredQuery });
    return pairs(answers.filter((a) => a['document']).map((a) => plain(a['document'])));
  }
  if (wire === 'rest') {
    const answer = await fs.rest('POST', `${DOCS}:runQuery`, { structuredQuery });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    return pairs((answer.json as Json[]).filter((a) => a.document).map((a) => a.document));
  }
  const channel = webChannel(`http://${fs.hostPort}`, DB);
  const sid = await channel.open(
    'Listen',
    [{ database: DB, addTarget: { targetId: 7, query: { parent: DOCS, structuredQuery } } }],
    'Authorization:Bearer owner\r\n',
  );
  const payloads = (await channel.receiveUntil('Listen', sid, (received) =>
    received.some(
      (p) =>
        typeof p !== 'object' ||
        (p as Json).error ||
        ['CURRENT', 'REMOVE'].includes((p as Json).targetChange?.targetChangeType),
    ),
  )) as Json[];
  expect(payloads.find((p) => p.targetChange?.targetChangeType === 'REMOVE')).toBeUndefined();
  return pairs(payloads.filter((p) => p.documentChange).map((p) => p.documentChange.document));
}

describe.each(WIRES)('built-in names as ordinary field names over %s', (wire) => {
  const coll = `names-${wire}`;
  /** Each valid name at the top, in a map and in a map inside an array, in its own document. */
  const fieldsFor = (name: string, i: number): Wire =>
    record([
      [name, int(i)],
      ['m', map(record([[name, arr(str(name), int(i))]]))],
      ['list', arr(map(record([[name, str('inside')]])))],
    ]);

  it('writes each name and reads it back exactly, with no other field appearing', async () => {
    const writes = VALID.map((name, i) => fs.update(`${coll}/${name}`, fieldsFor(name, i)));
    writes.push(fs.update(`${coll}/plain`, { other: int(-1) }));
    expect(await commitVia(wire, writes)).toEqual({ code: 0, message: '' });
    for (const [i, name] of VALID.entries()) {
      const doc = await getVia(wire, `${coll}/${name}`);
      expect(doc.fields).toEqual(fieldsFor(name, i));
    }
    expect((await getVia(wire, `${coll}/plain`)).fields).toEqual({ other: int(-1) });
  });

  it('orders by each name, answering only the documents that have it', async () => {
    for (const name of VALID) {
      for (const path of [name, `m.${name}`]) {
        const answer = await queryVia(wire, {
          from: [{ collectionId: coll }],
          orderBy: [{ field: { fieldPath: path }, direction: 'ASCENDING' }],
        });
        expect(
          answer.map(([doc]) => doc),
          path,
        ).toEqual([`${coll}/${name}`]);
      }
    }
  });

  it('filters on each name with ==, in, and array-contains on a nested path', async () => {
    for (const [i, name] of VALID.entries()) {
      const expected = [`${coll}/${name}`];
      for (const where of [
        fieldFilter(name, 'EQUAL', int(i)),
        fieldFilter(name, 'IN', arr(int(i), int(1000))),
        fieldFilter(`m.${name}`, 'ARRAY_CONTAINS', str(name)),
        fieldFilter(`m.${name}`, 'ARRAY_CONTAINS_ANY', arr(int(i))),
        fieldFilter(name, 'GREATER_THAN_OR_EQUAL', int(i)),
      ]) {
        const answer = await queryVia(wire, {
          from: [{ collectionId: coll }],
          where,
          orderBy: [{ field: { fieldPath: '__name__' } }],
        });
        expect(answer.map(([doc]) => doc).filter((doc) => doc === expected[0])).toEqual(expected);
        expect(
          answer.every(([, fields]) => Object.hasOwn(fields, name)),
          JSON.stringify(where),
        ).toBe(true);
      }
      // No document lacking the field matches a != on it (Firestore's "field exists" rule).
      const notEqual = await queryVia(wire, {
        from: [{ collectionId: coll }],
        where: fieldFilter(name, 'NOT_EQUAL', int(-5)),
      });
      expect(notEqual.map(([doc]) => doc)).toEqual([`${coll}/${name}`]);
    }
  });

  it('masks reads to each name', async () => {
    for (const [i, name] of VALID.entries()) {
      const top = await getVia(wire, `${coll}/${name}`, [name]);
      expect(top.fields).toEqual(record([[name, int(i)]]));
      const nested = await getVia(wire, `${coll}/${name}`, [`m.${name}`]);
      expect(nested.fields).toEqual({ m: map(record([[name, arr(str(name), int(i))]])) });
      const missing = await getVia(wire, `${coll}/plain`, [name]);
      expect(missing.fields ?? {}).toEqual({});
    }
  });

  it('updates, deletes and transforms fields by each name', async () => {
    for (const [i, name] of VALID.entries()) {
      const path = `${coll}/${name}`;
      expect(
        await commitVia(wire, [
          fs.update(path, record([['m', map(record([['kept', int(1)]]))]]), {
            updateMask: { fieldPaths: [`m.${name}`, 'm.kept'] },
            updateTransforms: [
              { fieldPath: name, increment: int(10) },
              { fieldPath: `list`, appendMissingElements: { values: [str(name)] } },
            ],
          }),
        ]),
      ).toEqual({ code: 0, message: '' });
      const doc = await getVia(wire, path);
      expect(doc.fields).toEqual(
        record([
          [name, int(i + 10)],
          ['m', map({ kept: int(1) })],
          ['list', arr(map(record([[name, str('inside')]])), str(name))],
        ]),
      );
      // The plain document gains the name only from a transform that names it.
      expect(
        await commitVia(wire, [
          {
            transform: {
              document: `${DOCS}/${coll}/plain`,
              fieldTransforms: [{ fieldPath: `t.${name}`, maximum: int(i) }],
            },
          },
        ]),
      ).toEqual({ code: 0, message: '' });
      expect((await getVia(wire, `${coll}/plain`)).fields.t.mapValue.fields[name]).toEqual(int(i));
    }
  });

  it('refuses each reserved name in fields at any depth, masks and transforms', async () => {
    const refusals = (name: string): Wire[][] => [
      [fs.update(`${coll}/reserved`, record([[name, int(1)]]))],
      [fs.update(`${coll}/reserved`, { m: map(record([[name, int(1)]])) })],
      [fs.update(`${coll}/reserved`, { a: arr(map(record([[name, int(1)]]))) })],
      [fs.update(`${coll}/reserved`, {}, { updateMask: { fieldPaths: [name] } })],
      [fs.update(`${coll}/reserved`, {}, { updateMask: { fieldPaths: [`m.${name}`] } })],
      [
        fs.update(
          `${coll}/reserved`,
          { ok: int(1) },
          {
            updateTransforms: [{ fieldPath: name, increment: int(1) }],
          },
        ),
      ],
      [
        {
          transform: {
            document: `${DOCS}/${coll}/reserved`,
            fieldTransforms: [{ fieldPath: `m.${name}`, setToServerValue: 'REQUEST_TIME' }],
          },
        },
      ],
    ];
    for (const name of [...RESERVED, '__name__', '__x__']) {
      for (const writes of refusals(name)) {
        const answer = await commitVia(wire, writes);
        expect(answer.code, JSON.stringify(writes)).toBe(3);
        expect(answer.message).toMatch(RESERVED_MESSAGE);
        expect(answer.message).toContain(name);
      }
    }
    expect((await fs.rest('GET', `${DOCS}/${coll}/reserved`)).status).toBe(404);
  });
});

describe('reserved names elsewhere', () => {
  it('names that only begin or only end with __ are ordinary', async () => {
    const fields = record([
      ['__x', int(1)],
      ['x__', int(2)],
      ['_', int(3)],
      ['__', int(4)],
    ]);
    await fs.commit([fs.update('edges/d', fields)]);
    expect(plain((await fs.get('edges/d'))['fields'])).toEqual(fields);
  });

  it('__name__ still orders and filters by document name', async () => {
    const answer = await queryVia('rest', {
      from: [{ collectionId: 'names-rest' }],
      where: fieldFilter('__name__', 'EQUAL', {
        referenceValue: `${DOCS}/names-rest/toString`,
      }),
      orderBy: [{ field: { fieldPath: '__name__' }, direction: 'DESCENDING' }],
    });
    expect(answer.map(([doc]) => doc)).toEqual(['names-rest/toString']);
  });

  it('a vector value keeps its __type__ key', async () => {
    const vector = map({ __type__: str('__vector__'), value: arr({ doubleValue: 1.5 }) });
    await fs.commit([fs.update('edges/vector', { v: vector })]);
    expect(plain((await fs.get('edges/vector'))['fields'])).toEqual({ v: vector });
  });
});
