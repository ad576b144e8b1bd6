/**
 * Scenarios for the firebase JS SDK, independent of the transport: each takes a Firestore
 * instance (connected to the emulator, rules off or owner) and a collection prefix unique to the
 * run, and throws when the emulator's behaviour differs from Firestore's. The Node suite runs them
 * over gRPC; the browser suite runs the same ones over WebChannel.
 */
import {
  addDoc,
  arrayRemove,
  arrayUnion,
  average,
  collection,
  collectionGroup,
  count,
  deleteDoc,
  deleteField,
  doc,
  endBefore,
  getAggregateFromServer,
  getDoc,
  getDocs,
  increment,
  limit,
  limitToLast,
  onSnapshot,
  or,
  and,
  orderBy,
  query,
  runTransaction,
  serverTimestamp,
  setDoc,
  startAfter,
  sum,
  Timestamp,
  updateDoc,
  where,
  writeBatch,
  type DocumentData,
  type Firestore,
  type Query,
  type QuerySnapshot,
} from 'firebase/firestore';

export interface Scenario {
  name: string;
  run(db: Firestore, prefix: string): Promise<void>;
}

function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const ids = (snap: QuerySnapshot<DocumentData>): string[] => snap.docs.map((d) => d.id);

/** Collects snapshots of a query until `count` have arrived, running `steps` after the first. */
function watch(
  q: Query<DocumentData>,
  snapshots: number,
  steps: () => Promise<void>,
): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const seen: string[][] = [];
    const unsubscribe = onSnapshot(
      q,
      (snap) => {
        seen.push(snap.docChanges().map((c) => `${c.type}:${c.doc.id}`));
        if (seen.length === 1) steps().catch(reject);
        if (seen.length === snapshots) {
          unsubscribe();
          resolve(seen);
        }
      },
      reject,
    );
  });
}

async function seedNumbers(db: Firestore, path: string): Promise<void> {
  const batch = writeBatch(db);
  const rows: [string, number, string, string[]][] = [
    ['a', 3, 'red', ['x']],
    ['b', 1, 'blue', ['y', 'x']],
    ['c', 2, 'red', []],
    ['d', 5, 'green', ['z']],
    ['e', 4, 'blue', ['x', 'z']],
  ];
  for (const [id, n, color, tags] of rows) batch.set(doc(db, path, id), { n, color, tags });
  await batch.commit();
}

export const scenarios: Scenario[] = [
  {
    name: 'writes and reads a document with every value type',
    async run(db, prefix) {
      const ref = doc(db, `${prefix}-types/one`);
      await setDoc(ref, {
        s: 'x',
        n: 1,
        d: 0.5,
        b: false,
        nil: null,
        t: Timestamp.fromMillis(1234),
        arr: [1, 'two'],
        map: { k: 'v' },
      });
      const snap = await getDoc(ref);
      const data = snap.data() as DocumentData;
      equal(
        [
          data['s'],
          data['n'],
          data['d'],
          data['b'],
          data['nil'],
          (data['t'] as Timestamp).toMillis(),
          data['arr'],
          data['map'],
        ],
        ['x', 1, 0.5, false, null, 1234, [1, 'two'], { k: 'v' }],
        'round trip',
      );
      equal((await getDoc(doc(db, `${prefix}-types/none`))).exists(), false, 'missing document');
    },
  },
  {
    name: 'updates with transforms and deletes fields',
    async run(db, prefix) {
      const ref = doc(db, `${prefix}-updates/one`);
      await setDoc(ref, { n: 1, tags: ['a'], gone: true });
      await updateDoc(ref, {
        n: increment(2),
        tags: arrayUnion('b', 'a'),
        gone: deleteField(),
        at: serverTimestamp(),
      });
      await updateDoc(ref, { tags: arrayRemove('a') });
      const data = (await getDoc(ref)).data() as DocumentData;
      equal(
        [data['n'], data['tags'], 'gone' in data, data['at'] instanceof Timestamp],
        [3, ['b'], false, true],
        'after transforms',
      );
      await deleteDoc(ref);
      equal((await getDoc(ref)).exists(), false, 'deleted');
    },
  },
  {
    name: 'queries with filters, order, limits and cursors',
    async run(db, prefix) {
      const path = `${prefix}-numbers`;
      await seedNumbers(db, path);
      const col = collection(db, path);
      equal(
        ids(await getDocs(query(col, where('n', '>=', 2), orderBy('n')))),
        ['c', 'a', 'e', 'd'],
        'range ordered',
      );
      equal(ids(await getDocs(query(col, orderBy('n', 'desc'), limit(2)))), ['d', 'e'], 'limit');
      equal(
        ids(await getDocs(query(col, orderBy('n'), limitToLast(2)))),
        ['e', 'd'],
        'limitToLast',
      );
      equal(
        ids(await getDocs(query(col, orderBy('n'), startAfter(2), endBefore(5)))),
        ['a', 'e'],
        'cursors',
      );
      equal(
        ids(await getDocs(query(col, where('tags', 'array-contains', 'x')))),
        ['a', 'b', 'e'],
        'array-contains',
      );
      equal(
        ids(await getDocs(query(col, where('color', 'not-in', ['red', 'blue'])))),
        ['d'],
        'not-in',
      );
      equal(
        ids(
          await getDocs(
            query(
              col,
              or(where('n', '==', 1), and(where('color', '==', 'red'), where('n', '>', 2))),
            ),
          ),
        ),
        ['b', 'a'],
        'or/and (the inequality on n orders the result by n)',
      );
    },
  },
  {
    name: 'aggregates count, sum and average',
    async run(db, prefix) {
      const path = `${prefix}-agg`;
      await seedNumbers(db, path);
      const snap = await getAggregateFromServer(
        query(collection(db, path), where('color', '!=', 'green')),
        { total: count(), s: sum('n'), avg: average('n') },
      );
      equal(snap.data(), { total: 4, s: 10, avg: 2.5 }, 'aggregates');
    },
  },
  {
    name: 'collection group queries span parents',
    async run(db, prefix) {
      const group = `${prefix}-items`;
      await setDoc(doc(db, `${prefix}-p/1/${group}/a`), { v: 1 });
      await setDoc(doc(db, `${prefix}-p/2/${group}/b`), { v: 2 });
      await setDoc(doc(db, `${prefix}-q/1/other/c`), { v: 3 });
      equal(
        ids(await getDocs(query(collectionGroup(db, group), orderBy('v')))),
        ['a', 'b'],
        'collection group',
      );
    },
  },
  {
    name: 'a query listener sees adds, changes and removals in order',
    async run(db, prefix) {
      const col = collection(db, `${prefix}-live`);
      const seen = await watch(query(col, where('on', '==', true)), 4, async () => {
        const ref = await addDoc(col, { on: true });
        await updateDoc(ref, { extra: 1 });
        await updateDoc(ref, { on: false });
      });
      equal(
        seen.map((changes) => changes.map((c) => c.split(':')[0])),
        [[], ['added'], ['modified'], ['removed']],
        'changes',
      );
    },
  },
  {
    name: 'a limited listener refills when a document leaves',
    async run(db, prefix) {
      const path = `${prefix}-top`;
      await seedNumbers(db, path);
      const seen = await watch(query(collection(db, path), orderBy('n', 'desc'), limit(2)), 2, () =>
        deleteDoc(doc(db, path, 'd')),
      );
      equal(
        seen,
        [
          ['added:d', 'added:e'],
          ['removed:d', 'added:a'],
        ],
        'limit listener',
      );
    },
  },
  {
    name: 'a transaction increments atomically under contention',
    async run(db, prefix) {
      const ref = doc(db, `${prefix}-txn/counter`);
      await setDoc(ref, { n: 0 });
      await Promise.all(
        // The web SDK's transactions are optimistic (verify preconditions, at most 5 attempts), so
        // five contenders always finish.
        Array.from({ length: 5 }, () =>
          runTransaction(db, async (tx) => {
            const snap = await tx.get(ref);
            tx.update(ref, { n: (snap.data()?.['n'] as number) + 1 });
          }),
        ),
      );
      equal((await getDoc(ref)).data()?.['n'], 5, 'counter');
    },
  },
];
