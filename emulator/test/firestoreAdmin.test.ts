/** firebase-admin against the emulator: documents, writes, transforms, transactions, batches, listings, listeners. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldPath, FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { startHarness, type Harness } from './firestoreHarness.js';

let harness: Harness;
let db: Firestore;

beforeAll(async () => {
  harness = await startHarness();
  db = harness.admin('demo-fs-admin');
});
afterAll(() => harness.close());

describe('documents', () => {
  it('round-trips every value type', async () => {
    const data = {
      nil: null,
      bool: true,
      int: 42,
      big: 2n ** 40n,
      double: 1.5,
      nan: NaN,
      inf: -Infinity,
      str: 'héllo 🌍',
      bytes: Buffer.from([0, 1, 255]),
      time: Timestamp.fromMillis(1_700_000_000_123),
      geo: new (await import('firebase-admin/firestore')).GeoPoint(48.85, 2.35),
      ref: db.doc('other/doc'),
      arr: [1, 'a', { nested: true }],
      map: { a: { b: { c: 'deep' } } },
    };
    await db.doc('types/all').set(data);
    const snap = await db.doc('types/all').get();
    const got = snap.data()!;
    expect(got['nil']).toBeNull();
    expect(got['int']).toBe(42);
    expect(got['big']).toBe(2 ** 40);
    expect(Number.isNaN(got['nan'])).toBe(true);
    expect(got['inf']).toBe(-Infinity);
    expect(got['str']).toBe('héllo 🌍');
    expect(Buffer.from(got['bytes']).equals(Buffer.from([0, 1, 255]))).toBe(true);
    expect((got['time'] as Timestamp).toMillis()).toBe(1_700_000_000_123);
    expect(got['geo'].latitude).toBe(48.85);
    expect(got['ref'].path).toBe('other/doc');
    expect(got['arr']).toEqual([1, 'a', { nested: true }]);
    expect(got['map']).toEqual({ a: { b: { c: 'deep' } } });
    expect(snap.createTime!.toMillis()).toBeGreaterThan(0);
  });

  it('reports missing documents', async () => {
    const snap = await db.doc('types/missing').get();
    expect(snap.exists).toBe(false);
    const [a, b] = await db.getAll(db.doc('types/all'), db.doc('types/nope'));
    expect(a!.exists).toBe(true);
    expect(b!.exists).toBe(false);
  });

  it('merges, updates nested and quoted field paths, deletes fields', async () => {
    const ref = db.doc('merge/one');
    await ref.set({ a: 1, nested: { x: 1, y: 2 }, 'dotted.key': 'v' });
    await ref.set({ nested: { z: 3 } }, { merge: true });
    await ref.update('nested.x', FieldValue.delete(), new FieldPath('dotted.key'), 'w', 'b', 2);
    expect((await ref.get()).data()).toEqual({
      a: 1,
      b: 2,
      nested: { y: 2, z: 3 },
      'dotted.key': 'w',
    });
  });

  it('applies every transform', async () => {
    const ref = db.doc('transforms/t');
    await ref.set({ n: 1, d: 1.5, arr: [1, 2] });
    const result = await ref.update({
      n: FieldValue.increment(2),
      d: FieldValue.increment(1),
      arr: FieldValue.arrayUnion(2, 3),
      gone: FieldValue.arrayRemove(1),
      at: FieldValue.serverTimestamp(),
      fresh: FieldValue.increment(5),
    });
    const data = (await ref.get()).data()!;
    expect(data['n']).toBe(3);
    expect(data['d']).toBe(2.5);
    expect(data['arr']).toEqual([1, 2, 3]);
    expect(data['gone']).toEqual([]);
    expect(data['fresh']).toBe(5);
    expect((data['at'] as Timestamp).isEqual(result.writeTime)).toBe(true);
    await ref.update({ arr: FieldValue.arrayRemove(1, 3) });
    expect((await ref.get()).get('arr')).toEqual([2]);
  });

  it('enforces preconditions with Firestore codes', async () => {
    const ref = db.doc('pre/one');
    await ref.create({ a: 1 });
    await expect(ref.create({ a: 2 })).rejects.toMatchObject({ code: 6 });
    await expect(db.doc('pre/none').update({ a: 1 })).rejects.toMatchObject({ code: 5 });
    const snap = await ref.get();
    await expect(
      ref.update({ a: 3 }, { lastUpdateTime: Timestamp.fromMillis(1000) }),
    ).rejects.toMatchObject({ code: 9 });
    await ref.update({ a: 3 }, { lastUpdateTime: snap.updateTime! });
    await expect(ref.delete({ exists: true })).resolves.toBeDefined();
    await expect(ref.delete({ exists: true })).rejects.toMatchObject({ code: 5 });
  });

  it('keeps the update time of a write that changes nothing', async () => {
    const ref = db.doc('noop/one');
    const first = await ref.set({ a: 1 });
    const second = await ref.set({ a: 1 });
    expect(second.writeTime.isEqual(first.writeTime)).toBe(true);
    expect((await ref.get()).updateTime!.isEqual(first.writeTime)).toBe(true);
  });

  it('rejects documents over 1 MiB', async () => {
    await expect(db.doc('limits/big').set({ s: 'x'.repeat(1_048_576) })).rejects.toMatchObject({
      code: 3,
    });
    expect((await db.doc('limits/big').get()).exists).toBe(false);
  });

  it('commits a batch atomically: one failing write changes nothing', async () => {
    await db.doc('batch/exists').set({ v: 1 });
    const batch = db.batch();
    batch.set(db.doc('batch/new'), { v: 1 });
    batch.create(db.doc('batch/exists'), { v: 2 });
    await expect(batch.commit()).rejects.toMatchObject({ code: 6 });
    expect((await db.doc('batch/new').get()).exists).toBe(false);
  });
});

describe('transactions', () => {
  it('serialises 50 concurrent increments to exactly 50', async () => {
    const ref = db.doc('txn/counter');
    await ref.set({ n: 0 });
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.runTransaction(async (tx) => {
          const snap = await tx.get(ref);
          tx.update(ref, { n: (snap.get('n') as number) + 1 });
        }),
      ),
    );
    expect((await ref.get()).get('n')).toBe(50);
  });

  it('aborts a transaction whose read was overwritten, and the SDK retries', async () => {
    const ref = db.doc('txn/conflict');
    await ref.set({ n: 0 });
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts++;
      const snap = await tx.get(ref);
      if (attempts === 1) await db.doc('txn/conflict').set({ n: 100 });
      tx.update(ref, { n: (snap.get('n') as number) + 1 });
    });
    expect(attempts).toBe(2);
    expect((await ref.get()).get('n')).toBe(101);
  });

  it('reads queries inside a transaction and sees a read-only snapshot', async () => {
    await db.doc('txnq/a').set({ v: 1 });
    await db.doc('txnq/b').set({ v: 2 });
    const total = await db.runTransaction(async (tx) => {
      const snap = await tx.get(db.collection('txnq'));
      return snap.docs.reduce((n, d) => n + (d.get('v') as number), 0);
    });
    expect(total).toBe(3);
    const before = await db.doc('txnq/a').get();
    await db.doc('txnq/a').set({ v: 10 });
    const old = await db.runTransaction((tx) => tx.get(db.doc('txnq/a')), {
      readOnly: true,
      readTime: before.readTime,
    });
    expect(old.get('v')).toBe(1);
  });

  it('breaks a deadlock between two transactions by aborting one; both still commit', async () => {
    const a = db.doc('deadlock/a');
    const b = db.doc('deadlock/b');
    await a.set({ n: 0 });
    await b.set({ n: 0 });
    let firstReads = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const crossed = (first: typeof a, second: typeof a) =>
      db.runTransaction(async (tx) => {
        const one = await tx.get(first);
        if (++firstReads === 2) release();
        await bothHoldOne;
        const two = await tx.get(second);
        tx.update(first, { n: (one.get('n') as number) + 1 });
        tx.update(second, { n: (two.get('n') as number) + 1 });
      });
    await Promise.all([crossed(a, b), crossed(b, a)]);
    expect([(await a.get()).get('n'), (await b.get()).get('n')]).toEqual([2, 2]);
  });

  it('rolls back on error, leaving data untouched', async () => {
    const ref = db.doc('txn/rollback');
    await ref.set({ n: 1 });
    await expect(
      db.runTransaction(async (tx) => {
        await tx.get(ref);
        tx.update(ref, { n: 2 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await ref.get()).get('n')).toBe(1);
  });
});

describe('bulk and listings', () => {
  it('BulkWriter reports each write independently', async () => {
    await db.doc('bulk/exists').set({ v: 1 });
    const writer = db.bulkWriter();
    writer.onWriteError(() => false);
    const ok = writer.set(db.doc('bulk/a'), { v: 1 });
    const bad = writer.create(db.doc('bulk/exists'), { v: 2 });
    await writer.close();
    await expect(ok).resolves.toBeDefined();
    await expect(bad).rejects.toMatchObject({ code: 6 });
  });

  it('lists documents including missing parents, and collection ids', async () => {
    await db.doc('tree/p1').set({ v: 1 });
    await db.doc('tree/ghost/kids/k1').set({ v: 1 });
    const refs = await db.collection('tree').listDocuments();
    expect(refs.map((r) => r.id).sort()).toEqual(['ghost', 'p1']);
    const root = (await db.listCollections()).map((c) => c.id);
    expect(root).toContain('tree');
    expect((await db.doc('tree/ghost').listCollections()).map((c) => c.id)).toEqual(['kids']);
  });

  it('recursiveDelete removes a subtree', async () => {
    await db.doc('rec/a').set({ v: 1 });
    await db.doc('rec/a/sub/b').set({ v: 1 });
    await db.recursiveDelete(db.collection('rec'));
    expect((await db.collection('rec').get()).size).toBe(0);
    expect((await db.doc('rec/a/sub/b').get()).exists).toBe(false);
  });
});

describe('listeners', () => {
  it('sees every change in commit order, and removals of documents that stop matching', async () => {
    const seen: string[][] = [];
    const query = db.collection('live').where('on', '==', true);
    let resolveDone: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const unsubscribe = query.onSnapshot((snap) => {
      seen.push(snap.docChanges().map((c) => `${c.type}:${c.doc.id}`));
      if (seen.length === 4) resolveDone();
    });
    await new Promise((r) => setTimeout(r, 50));
    await db.doc('live/a').set({ on: true });
    await db.doc('live/a').update({ extra: 1 });
    await db.doc('live/a').update({ on: false });
    await done;
    unsubscribe();
    expect(seen).toEqual([[], ['added:a'], ['modified:a'], ['removed:a']]);
  });

  it('listens to a single document, including its deletion', async () => {
    const ref = db.doc('live/doc');
    const states: (number | null)[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const unsubscribe = ref.onSnapshot((snap) => {
      states.push(snap.exists ? (snap.get('v') as number) : null);
      if (states.length === 4) resolveDone();
    });
    await new Promise((r) => setTimeout(r, 50));
    await ref.set({ v: 1 });
    await ref.set({ v: 2 });
    await ref.delete();
    await done;
    unsubscribe();
    expect(states).toEqual([null, 1, 2, null]);
  });
});
