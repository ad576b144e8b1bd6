/**
 * Field names that are JavaScript built-ins through the SDKs and beyond the wire: the JS SDK and
 * firebase-admin write, query and transform them; security rules read them as map keys
 * (`data.toString`, `keys()`, `hasAll`, `in`, `get`, `diff`); an export holds them and an import
 * gives them back; a reserved name is refused to the SDKs as to raw clients.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import {
  arrayUnion,
  collection,
  doc,
  getDoc,
  getDocs,
  increment,
  orderBy,
  query,
  setDoc,
  updateDoc,
  where,
} from 'firebase/firestore';
import { FieldValue } from 'firebase-admin/firestore';
import { http, useRulesTestEnvironment } from '../firestoreHarness.js';

const PROJECT = 'demo-field-names-sdk';
const BUILT_INS = Object.getOwnPropertyNames(Object.prototype).filter(
  (name) => !/^__.*__$/.test(name),
);

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /ruled/{id} {
      allow create: if request.resource.data.keys().hasAll(['toString', 'constructor', 'm'])
        && request.resource.data.toString == 1
        && request.resource.data['constructor'] == 'c'
        && !('valueOf' in request.resource.data)
        && request.resource.data.m.get('isPrototypeOf', 0) == 2
        && request.resource.data.m.keys() == ['isPrototypeOf']
        && request.resource.data.size() == 3;
      allow update: if request.resource.data.diff(resource.data).affectedKeys()
        .hasOnly(['toString', 'valueOf']);
      allow read: if resource.data.constructor == 'c';
    }
  }
}`;

const rules = useRulesTestEnvironment(PROJECT, RULES);

/** One document per built-in name: the name at the top, in a map, in an array's map. */
const dataFor = (name: string, i: number): Record<string, unknown> =>
  Object.fromEntries([
    [name, i],
    ['m', Object.fromEntries([[name, [name, i]]])],
    ['list', [Object.fromEntries([[name, 'inside']])]],
  ]);

/**
 * The SDKs' own code reads some of these names as properties: firebase 12's local query engine
 * looks a missing field up on a plain object (and gets Object.prototype's function), its map
 * equality calls `map.hasOwnProperty`, and firebase-admin 13's update() merges field paths into
 * plain objects ("Can't merge current value into a nested object"). So the SDK tests keep to what
 * the SDKs themselves survive: every document in a queried collection has the field, no field is
 * named hasOwnProperty for the JS SDK, and transforms go through set with merge. The raw wires
 * (fieldNames.test.ts) cover the rest.
 */
describe('the JS SDK (Node)', () => {
  const names = BUILT_INS.filter((name) => name !== 'hasOwnProperty');

  it('writes, reads, queries and transforms built-in names', async () => {
    await rules.env.withSecurityRulesDisabled(async (context) => {
      const db = context.firestore();
      for (const [i, name] of names.entries()) {
        const coll = `js-${name}`;
        await setDoc(doc(db, coll, 'a'), dataFor(name, i));
        await setDoc(doc(db, coll, 'b'), dataFor(name, i + 100));
        expect((await getDoc(doc(db, coll, 'a'))).data()).toEqual(dataFor(name, i));
        const ids = async (...constraints: Parameters<typeof query>[1][]): Promise<string[]> =>
          (await getDocs(query(collection(db, coll), ...constraints))).docs.map((d) => d.id);
        expect(await ids(orderBy(name, 'desc'))).toEqual(['b', 'a']);
        expect(await ids(where(name, '==', i))).toEqual(['a']);
        expect(await ids(where(name, 'in', [i + 100, -1]))).toEqual(['b']);
        expect(await ids(where(`m.${name}`, 'array-contains', i))).toEqual(['a']);
        await setDoc(
          doc(db, coll, 'a'),
          Object.fromEntries([
            [name, increment(5)],
            ['m', Object.fromEntries([[name, arrayUnion('more')]])],
          ]),
          { merge: true },
        );
        const after = await getDoc(doc(db, coll, 'a'));
        expect(after.get(name)).toBe(i + 5);
        expect(after.get(`m.${name}`)).toEqual([name, i, 'more']);
      }
    });
  });
});

describe('firebase-admin', () => {
  it('writes, queries and transforms every built-in name', async () => {
    const db = rules.harness.admin(PROJECT);
    for (const [i, name] of BUILT_INS.entries())
      await db.doc(`admin/${name}`).set(dataFor(name, i));
    for (const [i, name] of BUILT_INS.entries()) {
      expect((await db.doc(`admin/${name}`).get()).data()).toEqual(dataFor(name, i));
      const ordered = await db.collection('admin').orderBy(name).get();
      expect(ordered.docs.map((d) => d.id)).toEqual([name]);
      const nested = await db.collection('admin').where(`m.${name}`, 'array-contains', i).get();
      expect(nested.docs.map((d) => d.id)).toEqual([name]);
      await db
        .doc(`admin/${name}`)
        .set(Object.fromEntries([[name, FieldValue.increment(1)]]), { merge: true });
      expect((await db.doc(`admin/${name}`).get()).get(name)).toBe(i + 1);
    }
    const selected = await db.collection('admin').select('toString').get();
    expect(selected.docs.map((d) => [d.id, d.data()])).toEqual(
      [...BUILT_INS]
        .sort()
        .map((name) => [
          name,
          name === 'toString' ? { toString: BUILT_INS.indexOf(name) + 1 } : {},
        ]),
    );
  });
});

describe('security rules', () => {
  it('read built-in names as map keys', async () => {
    const alice = rules.env.authenticatedContext('alice').firestore();
    await assertSucceeds(
      setDoc(doc(alice, 'ruled/ok'), { toString: 1, constructor: 'c', m: { isPrototypeOf: 2 } }),
    );
    // Each condition in turn fails on its own.
    await assertFails(setDoc(doc(alice, 'ruled/a'), { constructor: 'c', m: { isPrototypeOf: 2 } }));
    await assertFails(
      setDoc(doc(alice, 'ruled/b'), { toString: 1, constructor: 'x', m: { isPrototypeOf: 2 } }),
    );
    await assertFails(
      setDoc(doc(alice, 'ruled/c'), {
        toString: 1,
        constructor: 'c',
        valueOf: 0,
        m: { isPrototypeOf: 2 },
      }),
    );
    await assertFails(setDoc(doc(alice, 'ruled/d'), { toString: 1, constructor: 'c', m: {} }));
    await assertSucceeds(getDoc(doc(alice, 'ruled/ok')));
    await assertSucceeds(updateDoc(doc(alice, 'ruled/ok'), { toString: 2, valueOf: 3 }));
    await assertFails(updateDoc(doc(alice, 'ruled/ok'), { constructor: 'd' }));
  });
});

describe('reserved names through the SDKs', () => {
  it('firebase-admin is refused with INVALID_ARGUMENT naming the field', async () => {
    const db = rules.harness.admin(PROJECT);
    // The admin SDK does not check names itself; the emulator must.
    const error = await db
      .doc('admin/reserved')
      .set({ m: { __lookupGetter__: 1 } })
      .catch((e: { code: number; details: string }) => e);
    expect(error).toMatchObject({
      code: 3,
      details:
        'Document fields cannot begin and end with "__" (found in field m.__lookupGetter__).',
    });
    expect((await db.doc('admin/reserved').get()).exists).toBe(false);
  });
});

describe('export and import', () => {
  it('keep every built-in name', async () => {
    const db = rules.harness.admin(PROJECT);
    const before = await db.collection('admin').get();
    const dir = await mkdtemp(join(tmpdir(), 'field-names-'));
    try {
      await rules.harness.emulator.exportData(dir);
      await http(
        rules.harness.hostPort,
        'DELETE',
        `/emulator/v1/projects/${PROJECT}/databases/(default)/documents`,
      );
      expect((await db.collection('admin').get()).size).toBe(0);
      await rules.harness.emulator.importData(dir);
      const after = await db.collection('admin').get();
      expect(after.docs.map((d) => [d.id, d.data()])).toEqual(
        before.docs.map((d) => [d.id, d.data()]),
      );
      expect(after.size).toBe(BUILT_INS.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
