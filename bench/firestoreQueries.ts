/**
 * Query latency against collection size (`npx tsx bench/firestoreQueries.ts`, ~8 min).
 *
 * Three collections of 1k, 10k and 100k documents `{ n, bucket, kind, label, members, tags }`
 * (n = 0..size-1, ten documents per bucket, `members` = [`m<bucket>`], kind = `k<n % 4>`), each
 * with size/100 more documents of the same collection id under ten parents (in no bucket), and
 * queries that return the same number of documents whatever the size:
 * - equality: `bucket == b` (10)
 * - range: `n >= x && n < x + 10` (10)
 * - ordered limit: `orderBy(n, desc).startAfter(x).limit(10)` (10)
 * - group equality: `collectionGroup(id).where(bucket == b)` (10), on the group's index
 * - array-contains: `members array-contains m<b>` (10)
 * - in: `bucket in [b, b + 1]` (20)
 * - or: `bucket == b || label == 'document x'` (11)
 * - composite: `kind == k && orderBy(n, desc).startAfter(x).limit(10)` (10), on the declared
 *   composite index (kind, n desc)
 * A query whose cost grows with what it returns costs the same at every size; one that scans
 * costs ~100x more at 100k than at 1k. Printed per size: the p50 of the wall-clock time through
 * firebase-admin and the server's CPU time per query, with the ratio 100k / 1k. Both servers
 * enforce an index file that declares the composite and the group's single-field index (as
 * Hearth's stack does), so that each query runs on the indexes production would have.
 *
 * Two servers in child processes, each loaded alike: this tree's emulator and the emulator as it
 * was at HEAD~1 (or the revision named by BENCH_BASE), so that a change shows against what was
 * before in the same run. Rounds alternate between them so that the machine's swings fall on both.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Filter, type Firestore, type Query } from 'firebase-admin/firestore';
import {
  buildBaseEntry,
  buildServerEntry,
  launch,
  type Launched,
} from './support/serverProcess.js';
import { adminFirestore, type AdminFirestore } from './support/adminFirestore.js';
import { median, sequence } from './support/stats.js';
import { printTable } from './support/table.js';

const SIZES = [1_000, 10_000, 100_000] as const;
const QUERIES_PER_ROUND = 15;
const ROUNDS = 4;
const BATCH = 500;

interface QueryKind {
  name: string;
  /** Documents each query returns. */
  returns: number;
  build(db: Firestore, collection: string, size: number, random: number): Query;
}

const bucketOf = (size: number, random: number) => Math.floor(random * (size / 10));

const kinds: QueryKind[] = [
  {
    name: 'equality',
    returns: 10,
    build: (db, collection, size, random) =>
      db.collection(collection).where('bucket', '==', Math.floor(random * (size / 10))),
  },
  {
    name: 'range',
    returns: 10,
    build: (db, collection, size, random) => {
      const x = Math.floor(random * (size - 10));
      return db
        .collection(collection)
        .where('n', '>=', x)
        .where('n', '<', x + 10);
    },
  },
  {
    name: 'ordered limit',
    returns: 10,
    build: (db, collection, size, random) =>
      db
        .collection(collection)
        .orderBy('n', 'desc')
        .startAfter(10 + Math.floor(random * (size - 10)))
        .limit(10),
  },
  {
    name: 'group equality',
    returns: 10,
    build: (db, collection, size, random) =>
      db.collectionGroup(collection).where('bucket', '==', bucketOf(size, random)),
  },
  {
    name: 'array-contains',
    returns: 10,
    build: (db, collection, size, random) =>
      db.collection(collection).where('members', 'array-contains', `m${bucketOf(size, random)}`),
  },
  {
    name: 'in',
    returns: 20,
    build: (db, collection, size, random) => {
      const b = bucketOf(size, random);
      return db.collection(collection).where('bucket', 'in', [b, (b + 1) % (size / 10)]);
    },
  },
  {
    name: 'or',
    returns: 11,
    build: (db, collection, size, random) => {
      const b = bucketOf(size, random);
      // Document b + 1 is in bucket b + 1: one more document, never one of bucket b's.
      return db
        .collection(collection)
        .where(
          Filter.or(
            Filter.where('bucket', '==', b),
            Filter.where('label', '==', `document ${(b + 1) % (size / 10)}`),
          ),
        );
    },
  },
  {
    name: 'composite',
    returns: 10,
    build: (db, collection, size, random) =>
      db
        .collection(collection)
        .where('kind', '==', `k${Math.floor(random * 4)}`)
        .orderBy('n', 'desc')
        .startAfter(100 + Math.floor(random * (size - 100)))
        .limit(10),
  },
];

/** The index file both servers enforce: the composite and the group's bucket index. */
function indexFile(): string {
  const collections = SIZES.map((size) => `q${size}`);
  const file = join(mkdtempSync(join(tmpdir(), 'hearth-bench-indexes-')), 'firestore.indexes.json');
  const automatic = ['ASCENDING', 'DESCENDING'].map((order) => ({
    order,
    queryScope: 'COLLECTION',
  }));
  writeFileSync(
    file,
    JSON.stringify({
      indexes: collections.map((collectionGroup) => ({
        collectionGroup,
        queryScope: 'COLLECTION',
        fields: [
          { fieldPath: 'kind', order: 'ASCENDING' },
          { fieldPath: 'n', order: 'DESCENDING' },
        ],
      })),
      fieldOverrides: collections.map((collectionGroup) => ({
        collectionGroup,
        fieldPath: 'bucket',
        indexes: [
          ...automatic,
          { arrayConfig: 'CONTAINS', queryScope: 'COLLECTION' },
          { order: 'ASCENDING', queryScope: 'COLLECTION_GROUP' },
        ],
      })),
    }),
  );
  return file;
}

type Target = 'hearth' | 'base';
const targets: Target[] = ['hearth', 'base'];

async function load(db: Firestore, size: number): Promise<void> {
  const collection = db.collection(`q${size}`);
  for (let start = 0; start < size; start += BATCH) {
    const batch = db.batch();
    for (let n = start; n < Math.min(size, start + BATCH); n++) {
      const bucket = n % (size / 10);
      batch.set(collection.doc(`d${n}`), {
        n,
        bucket,
        kind: `k${n % 4}`,
        label: `document ${n}`,
        members: [`m${bucket}`],
        tags: [`t${n % 7}`, `u${n % 11}`],
      });
    }
    await batch.commit();
  }
  // The same collection id under ten parents: in the group, in no bucket.
  for (let start = 0; start < size / 100; start += BATCH) {
    const batch = db.batch();
    for (let n = start; n < Math.min(size / 100, start + BATCH); n++)
      batch.set(db.collection(`parents/p${n % 10}/q${size}`).doc(`e${n}`), { n, bucket: -1 - n });
    await batch.commit();
  }
}

async function main(): Promise<void> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const entry = await buildServerEntry(here, 'firestore-queries');
  const base = await buildBaseEntry(
    process.env['BENCH_BASE'] ?? 'HEAD~1',
    'firestore-queries-base',
  );
  const indexes = indexFile();
  const launched = {} as Record<Target, Launched>;
  const clients = {} as Record<Target, AdminFirestore>;
  /** target → kind → size → wall-clock samples (ms) and server CPU per query (µs). */
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const key = (target: Target, kind: string, size: number) => `${target}|${kind}|${size}`;
  let wrongCounts = 0;
  try {
    for (const target of targets) {
      launched[target] = await launch('indexes', target === 'base' ? base.entry : entry, indexes);
      clients[target] = await adminFirestore(`queries-${target}`, launched[target].ready.port);
      const loadStart = performance.now();
      for (const size of SIZES) await load(clients[target].db, size);
      console.log(
        `${target}: loaded ${SIZES.reduce((a, b) => a + b, 0)} documents in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
      );
    }
    for (const size of SIZES) {
      for (const kind of kinds) {
        for (let round = 0; round < ROUNDS; round++) {
          for (const target of targets) {
            const { db } = clients[target];
            const next = sequence(size * 31 + round * 7 + kind.name.length);
            // One untimed query first: the client's connection and the server's code are warm.
            await kind.build(db, `q${size}`, size, next()).get();
            const samples = wall.get(key(target, kind.name, size)) ?? [];
            const cpuBefore = await launched[target].cpu();
            for (let i = 0; i < QUERIES_PER_ROUND; i++) {
              const query = kind.build(db, `q${size}`, size, next());
              const start = performance.now();
              const snapshot = await query.get();
              samples.push(performance.now() - start);
              if (snapshot.size !== kind.returns) wrongCounts++;
            }
            const used = (await launched[target].cpu()) - cpuBefore;
            wall.set(key(target, kind.name, size), samples);
            const costs = cpu.get(key(target, kind.name, size)) ?? [];
            costs.push(used / QUERIES_PER_ROUND);
            cpu.set(key(target, kind.name, size), costs);
          }
        }
      }
    }
  } finally {
    for (const target of targets) {
      await clients[target]?.close();
      launched[target]?.child.kill();
    }
  }

  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  const rows: string[][] = [];
  for (const [title, table, reduce] of [
    ['p50 ms (firebase-admin round trip)', wall, median],
    ['server CPU µs per query (median of rounds)', cpu, median],
  ] as const) {
    rows.push([
      title,
      ...SIZES.map((s) => `${s / 1000}k`),
      '100k/1k',
      ...SIZES.map((s) => `base ${s / 1000}k`),
      'base 100k/1k',
      'base/this at 100k',
    ]);
    for (const kind of kinds) {
      const figures = (target: Target) =>
        SIZES.map((size) => reduce(table.get(key(target, kind.name, size)) ?? []));
      const ours = figures('hearth');
      const theirs = figures('base');
      rows.push([
        `  ${kind.name}`,
        ...ours.map(fmt),
        `${(ours[2]! / ours[0]!).toFixed(2)}x`,
        ...theirs.map(fmt),
        `${(theirs[2]! / theirs[0]!).toFixed(2)}x`,
        `${(theirs[2]! / ours[2]!).toFixed(2)}x`,
      ]);
    }
  }
  printTable(rows);
  console.log(
    `base: ${base.commit}. ${ROUNDS} rounds of ${QUERIES_PER_ROUND} queries per figure and server, alternating.` +
      (wrongCounts > 0
        ? ` ${wrongCounts} queries did not return as many documents as they should.`
        : ''),
  );
}

await main();
