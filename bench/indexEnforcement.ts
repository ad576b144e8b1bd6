/**
 * What index enforcement costs a query that has its index (`npx tsx bench/indexEnforcement.ts`,
 * ~1 min). Issue #15 asks that it cost nothing measurable.
 *
 * Two servers in child processes, this tree's emulator each, loaded alike with 20,000 to-do-like
 * documents, both given a firestore.indexes.json that declares the composite indexes the queries
 * need (the planner builds and uses them either way): one with enforcement off, as Google's
 * emulator runs by default, one enforcing it. So the ratio is enforcement's own cost. Rounds alternate
 * between them so that the machine's swings fall on both. Per query shape it prints the p50 of the
 * firebase-admin round trip and the server's CPU time per query, and the ratio on / off; then that
 * the enforcing server does refuse a query whose index is not declared.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Firestore, Query } from 'firebase-admin/firestore';
import { buildServerEntry, launch, type Launched } from './support/serverProcess.js';
import { adminFirestore, type AdminFirestore } from './support/adminFirestore.js';
import { median, sequence } from './support/stats.js';
import { printTable } from './support/table.js';

const DOCUMENTS = 20_000;
const OWNERS = 50;
const STATUSES = ['inbox', 'next', 'waiting', 'done'];
const QUERIES_PER_ROUND = 30;
const ROUNDS = 6;

const field = (fieldPath: string, order: 'ASCENDING' | 'DESCENDING' = 'ASCENDING') => ({
  fieldPath,
  order,
});
const INDEXES = {
  indexes: [
    { collectionGroup: 'tasks', queryScope: 'COLLECTION', fields: [field('status'), field('due')] },
    {
      collectionGroup: 'tasks',
      queryScope: 'COLLECTION',
      fields: [field('owner'), field('status'), field('due', 'DESCENDING')],
    },
  ],
  fieldOverrides: [],
};

interface Shape {
  name: string;
  build(db: Firestore, next: () => number): Query;
}

const pick = <T>(values: T[], next: () => number) => values[Math.floor(next() * values.length)]!;
const shapes: Shape[] = [
  {
    name: 'equality + orderBy (composite)',
    build: (db, next) =>
      db.collection('tasks').where('status', '==', pick(STATUSES, next)).orderBy('due').limit(20),
  },
  {
    name: 'two equalities + range, desc (composite)',
    build: (db, next) =>
      db
        .collection('tasks')
        .where('owner', '==', `o${Math.floor(next() * OWNERS)}`)
        .where('status', '==', pick(STATUSES, next))
        .where('due', '<=', Math.floor(next() * DOCUMENTS))
        .orderBy('due', 'desc')
        .limit(20),
  },
  {
    name: 'range on one field (single-field)',
    build: (db, next) =>
      db
        .collection('tasks')
        .where('due', '>=', Math.floor(next() * DOCUMENTS))
        .orderBy('due')
        .limit(20),
  },
];

type Target = 'off' | 'on';
const targets: Target[] = ['off', 'on'];

async function load(db: Firestore): Promise<void> {
  for (let start = 0; start < DOCUMENTS; start += 500) {
    const batch = db.batch();
    for (let n = start; n < Math.min(DOCUMENTS, start + 500); n++) {
      batch.set(db.collection('tasks').doc(`t${n}`), {
        owner: `o${n % OWNERS}`,
        status: STATUSES[n % STATUSES.length],
        due: n,
        priority: n % 4,
        title: `task ${n}`,
      });
    }
    await batch.commit();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-indexes-'));
  const indexesFile = join(dir, 'firestore.indexes.json');
  writeFileSync(indexesFile, JSON.stringify(INDEXES));
  const entry = await buildServerEntry(
    fileURLToPath(new URL('.', import.meta.url)),
    'index-enforcement',
  );
  const launched = {} as Record<Target, Launched>;
  const clients = {} as Record<Target, AdminFirestore>;
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const key = (target: Target, shape: string) => `${target}|${shape}`;
  let refusal = 'not refused';
  try {
    for (const target of targets) {
      launched[target] =
        target === 'on'
          ? await launch('indexes', entry, indexesFile)
          : await launch('indexes', entry, indexesFile, 'declared');
      clients[target] = await adminFirestore(`indexes-${target}`, launched[target].ready.port);
      await load(clients[target].db);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const shape of shapes) {
        for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
          const { db } = clients[target];
          const next = sequence(round * 101 + shape.name.length);
          await shape.build(db, next).get();
          const samples = wall.get(key(target, shape.name)) ?? [];
          const cpuBefore = await launched[target].cpu();
          for (let i = 0; i < QUERIES_PER_ROUND; i++) {
            const start = performance.now();
            await shape.build(db, next).get();
            samples.push(performance.now() - start);
          }
          wall.set(key(target, shape.name), samples);
          const costs = cpu.get(key(target, shape.name)) ?? [];
          costs.push(((await launched[target].cpu()) - cpuBefore) / QUERIES_PER_ROUND);
          cpu.set(key(target, shape.name), costs);
        }
      }
    }
    // The same server refuses what production would: no index orders `status ==` by priority.
    await clients.on.db
      .collection('tasks')
      .where('status', '==', 'next')
      .orderBy('priority')
      .get()
      .catch((error: { code?: number }) => (refusal = `refused (gRPC code ${error.code})`));
  } finally {
    for (const target of targets) {
      await clients[target]?.close();
      launched[target]?.child.kill();
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  const rows = [
    ['query (20k documents)', 'p50 ms off', 'on', 'on/off', 'CPU µs off', 'on', 'on/off'],
  ];
  for (const shape of shapes) {
    const [wallOff, wallOn] = targets.map((t) => median(wall.get(key(t, shape.name))!));
    const [cpuOff, cpuOn] = targets.map((t) => median(cpu.get(key(t, shape.name))!));
    rows.push([
      `  ${shape.name}`,
      fmt(wallOff!),
      fmt(wallOn!),
      `${(wallOn! / wallOff!).toFixed(2)}x`,
      fmt(cpuOff!),
      fmt(cpuOn!),
      `${(cpuOn! / cpuOff!).toFixed(2)}x`,
    ]);
  }
  printTable(rows);
  console.log(
    `${ROUNDS} rounds of ${QUERIES_PER_ROUND} queries per figure and server, alternating; CPU is the median of rounds.`,
  );
  console.log(`An undeclared composite query on the enforcing server: ${refusal}.`);
}

await main();
