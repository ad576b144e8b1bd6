/**
 * Limits production enforces (https://firebase.google.com/docs/firestore/quotas and
 * google/firestore/v1/query.proto), each refused with INVALID_ARGUMENT and a message naming the
 * limit, on every wire, with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { int, status, str, useHostileFirestore, type Wire } from './firestoreSetup.js';
import { arr, fieldFilter } from '../wireMessages.js';

const fs = useHostileFirestore();
const { db: DB, docs: DOCS, update, commit } = fs;

describe('limits production enforces', () => {
  const inQuery = (filters: Wire[]): Wire => ({
    from: [{ collectionId: 'kept' }],
    where: { compositeFilter: { op: 'AND', filters } },
  });
  const field = (op: string, values: Wire[], path = 'n'): Wire =>
    fieldFilter(path, op, arr(...values));
  const ints = (n: number): Wire[] => Array.from({ length: n }, (_, i) => int(i));

  it('not-in takes at most 10 values', async () => {
    const ten = await fs.rest('POST', `${DOCS}:runQuery`, {
      structuredQuery: inQuery([field('NOT_IN', ints(10))]),
    });
    expect(ten.status).toBe(200);
    const eleven = await fs.rest('POST', `${DOCS}:runQuery`, {
      structuredQuery: inQuery([field('NOT_IN', ints(11))]),
    });
    expect(eleven.status).toBe(400);
    expect(eleven.json.error.message).toMatch(/not-in.*up to 10/);
    const grpc = await status(
      fs.client.stream('RunQuery', {
        parent: DOCS,
        structuredQuery: inQuery([field('NOT_IN', ints(11))]),
      }),
    );
    expect(grpc).toEqual({ code: 3, details: expect.stringMatching(/not-in.*up to 10/) });
  });

  it('not-in combines with no in, array-contains-any or OR', async () => {
    for (const other of [
      field('IN', ints(2), 'm'),
      field('ARRAY_CONTAINS_ANY', ints(2), 'm'),
      {
        compositeFilter: {
          op: 'OR',
          filters: [fieldFilter('m', 'EQUAL', int(1)), fieldFilter('m', 'EQUAL', int(2))],
        },
      },
    ]) {
      const answer = await status(
        fs.client.stream('RunQuery', {
          parent: DOCS,
          structuredQuery: inQuery([field('NOT_IN', ints(2)), other]),
        }),
      );
      expect(answer).toEqual({
        code: 3,
        details: expect.stringMatching(/cannot combine 'not-in'/),
      });
    }
  });

  it('at most 500 field transforms apply to one document in one commit', async () => {
    const transforms = (n: number, from = 0): Wire[] =>
      Array.from({ length: n }, (_, i) => ({ fieldPath: `t${from + i}`, increment: int(1) }));
    expect(
      (await status(commit([update('lim/t', {}, { updateTransforms: transforms(500) })]))).code,
    ).toBe(0);
    const over = await status(
      commit([
        update('lim/t2', {}, { updateTransforms: transforms(300) }),
        { transform: { document: `${DOCS}/lim/t2`, fieldTransforms: transforms(201, 300) } },
      ]),
    );
    expect(over).toEqual({ code: 3, details: expect.stringMatching(/500/) });
    expect((await status(fs.client.unary('GetDocument', { name: `${DOCS}/lim/t2` }))).code).toBe(5);
  });

  it('a request over 10 MiB is refused on every wire', async () => {
    const big = (n: number): Wire[] =>
      Array.from({ length: n }, (_, i) => update(`big/d${i}`, { s: str('x'.repeat(1_000_000)) }));
    const grpc = await status(commit(big(11)));
    expect(grpc).toEqual({ code: 3, details: expect.stringMatching(/10485760/) });
    const json = await fs.rest('POST', `${DOCS}:commit`, { writes: big(11) });
    expect(json.status).toBe(400);
    expect(json.json.error.message).toMatch(/10485760/);
    const listed = await fs.client.unary('ListDocuments', { parent: DOCS, collectionId: 'big' });
    expect(listed['documents'] ?? []).toEqual([]);
  });

  it('a document with more than 40,000 index entries is refused', async () => {
    const values = (n: number): Wire => ({ arrayValue: { values: ints(n) } });
    expect((await status(commit([update('idx/ok', { a: values(39_998) })]))).code).toBe(0);
    const many = await status(commit([update('idx/many', { a: values(40_001) })]));
    expect(many).toEqual({ code: 3, details: expect.stringMatching(/40,000/) });
    const fields = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`f${i}`, int(i)]));
    const wide = await fs.rest('PATCH', `${DOCS}/idx/wide`, { fields });
    expect(wide.status).toBe(400);
    expect(wide.json.error.message).toMatch(/index entries/);
  });

  it('geo points outside ±90 latitude or ±180 longitude are refused on every wire', async () => {
    for (const geo of [
      { latitude: 90.5, longitude: 0 },
      { latitude: -91, longitude: 0 },
      { latitude: 0, longitude: 180.1 },
      { latitude: 0, longitude: -200 },
    ]) {
      const viaRest = await fs.rest('PATCH', `${DOCS}/geo/d`, {
        fields: { g: { geoPointValue: geo } },
      });
      expect(viaRest.status).toBe(400);
      expect(viaRest.json.error.message).toMatch(/latitude|longitude/);
      const viaGrpc = await status(commit([update('geo/d', { g: { geoPointValue: geo } })]));
      expect(viaGrpc).toEqual({ code: 3, details: expect.stringMatching(/latitude|longitude/) });
    }
    expect((await status(fs.client.unary('GetDocument', { name: `${DOCS}/geo/d` }))).code).toBe(5);
  });

  it('a reference value must name a document', async () => {
    for (const reference of ['nonsense', `${DOCS}/c`, `${DB}/documents`, `${DOCS}/c//d`]) {
      const viaRest = await fs.rest('PATCH', `${DOCS}/ref/d`, {
        fields: { r: { referenceValue: reference } },
      });
      expect({ reference, status: viaRest.status }).toEqual({ reference, status: 400 });
      expect(viaRest.json.error.message).toMatch(/reference/i);
      const viaGrpc = await status(commit([update('ref/d', { r: { referenceValue: reference } })]));
      expect(viaGrpc.code).toBe(3);
    }
    expect((await status(fs.client.unary('GetDocument', { name: `${DOCS}/ref/d` }))).code).toBe(5);
  });
});
