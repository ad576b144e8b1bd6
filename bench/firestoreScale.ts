/**
 * Production-sized data (`npx tsx bench/firestoreScale.ts`, ~15–30 min; issue #15 item 5).
 *
 * One collection of small to-dos as Hearth keeps them (a title, notes, a list id, an owner,
 * booleans and numbers, a timestamp, a two-tag array), written through firebase-admin in batched
 * commits of 500 (four in flight) into this emulator and into the npm peer
 * `@firestore-emulator/server`, each in a child process of its own (`node --max-old-space-size`,
 * one server at a time). At each size (100k, then 1M: BENCH_SCALE_SIZES) it prints the load time,
 * the server's resident memory (RSS, from /proc) after the load and after a full GC, per 100k
 * documents, and two queries at that size: equality (`listId == x`, 10 documents per 100k) and
 * ordered limit (`orderBy(order, desc).startAfter(x).limit(20)`), the first one of each (this
 * emulator builds a single-field index on first use) and the p50 of the next ones. Loading stops
 * at BENCH_SCALE_LOAD_S seconds per server (default 900) or if the server dies; the row says where.
 *
 * Then, this emulator only (the peer has no export): an export through the control endpoint
 * (`:export`), its time, file size and the peak RSS during it (the kernel's high-water mark, reset
 * first through /proc/<pid>/clear_refs), and a fresh server importing it at start (`importDir`):
 * time to ready, peak RSS and RSS after GC, checked by a count of the collection.
 *
 * `BENCH_SCALE_MODE=indexed` measures instead what keeping indexes costs a load: two servers of
 * this emulator at once, each given the same to-dos in one collection `todos`. On the first, after
 * 1,000 documents (BENCH_SCALE_SEED), an equality, a range, an ordered-limit and an array-contains
 * query run, so that their automatic indexes exist and every later write maintains them; the
 * second has none. Both are then loaded to each size in slices of 50,000 (BENCH_SCALE_SLICE),
 * taking turns and in a changing order, so that the machine's swings fall on both. Per size: each
 * one's load rate and server CPU per document over the segment and over its last slice, RSS after
 * GC, and the ratio indexed / unindexed; the queries' p50 on the indexed one at the seed and at each
 * size; at the end the same queries on the unindexed one (its first builds the index at that
 * size). BENCH_SCALE_CPU_PROF=<dir> writes the indexed server's `--cpu-prof` profile there.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentReference, Firestore, Query } from 'firebase-admin/firestore';
import { buildServerEntry, launchWith, type Launched } from './support/serverProcess.js';
import { median } from './support/stats.js';

const SIZES = (process.env['BENCH_SCALE_SIZES'] ?? '100000,1000000').split(',').map(Number);
const LOAD_LIMIT_MS = Number(process.env['BENCH_SCALE_LOAD_S'] ?? 900) * 1000;
/** How long the peer gets to load one collection (it copies the collection on every insert). */
const PEER_ONE_COLLECTION_MS = Number(process.env['BENCH_SCALE_PEER_ONE_S'] ?? 60) * 1000;
/** Heap limit of each server process (MiB): the machine is shared. */
const HEAP_MB = Number(process.env['BENCH_SCALE_HEAP_MB'] ?? 6144);
const BATCH = 500;
const IN_FLIGHT = 4;
const QUERIES = 15;
const LISTS = 10_000;

type Target = 'hearth' | 'peer';
type Db = Firestore;

/** Where document n goes, and the queries timed at a size. */
interface Layout {
  name: string;
  doc(db: Db, n: number): DocumentReference;
  queries(db: Db, size: number): Record<string, (i: number) => Query>;
}

const todoId = (n: number) => `t${String(n).padStart(7, '0')}`;
const listTodos = (db: Db, list: number) => db.collection(`lists/list${list}/todos`);
/** Ten consecutive to-dos per list, so a list's to-dos differ in every field but their list. */
const listOf = (n: number) => Math.floor(n / 10) % LISTS;

const oneCollection: Layout = {
  name: 'todos',
  doc: (db, n) => db.collection('todos').doc(todoId(n)),
  queries: (db, size) => ({
    equality: (i) => db.collection('todos').where('listId', '==', `list${(i * 7919) % LISTS}`),
    'ordered limit': (i) =>
      db
        .collection('todos')
        .orderBy('order', 'desc')
        .startAfter((i * 104_729) % size)
        .limit(20),
  }),
};

const lists: Layout = {
  name: 'lists/*/todos',
  doc: (db, n) => listTodos(db, listOf(n)).doc(todoId(n)),
  queries: (db) => ({
    'equality in a list': (i) => listTodos(db, (i * 7919) % LISTS).where('done', '==', false),
    'ordered limit in a list': (i) =>
      listTodos(db, (i * 7919) % LISTS)
        .orderBy('order', 'desc')
        .limit(20),
    'collection group equality': (i) =>
      db.collectionGroup('todos').where('ownerId', '==', `user${(i * 7919) % 9973}`),
  }),
};

const MiB = 1024 * 1024;

/** A /proc/<pid>/status figure in bytes (VmRSS: resident now; VmHWM: peak since start or reset). */
function procStatus(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Resets the peak (VmHWM) to the current RSS. */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function todo(n: number, Timestamp: typeof import('firebase-admin/firestore').Timestamp) {
  return {
    title: `Buy item ${n}`,
    notes: n % 3 === 0 ? `Remember the ${n % 97}th shelf` : '',
    listId: `list${listOf(n)}`,
    ownerId: `user${n % 9973}`,
    done: n % 4 === 0,
    priority: n % 5,
    order: n,
    dueAt: Timestamp.fromMillis(1_800_000_000_000 + n * 1000),
    tags: [`t${n % 7}`, `u${n % 11}`],
  };
}

async function connect(target: Target, port: number) {
  process.env['FIRESTORE_EMULATOR_HOST'] = `127.0.0.1:${port}`;
  process.env['METADATA_SERVER_DETECTION'] = 'none';
  const { initializeApp, deleteApp } = await import('firebase-admin/app');
  const { getFirestore, Timestamp } = await import('firebase-admin/firestore');
  const app = initializeApp({ projectId: 'demo-bench-scale' }, `scale-${target}-${port}`);
  return { db: getFirestore(app), Timestamp, close: () => deleteApp(app) };
}

/** Writes documents `from`..`to`-1; returns how many were written before the deadline or a failure. */
async function load(
  client: Awaited<ReturnType<typeof connect>>,
  layout: Layout,
  from: number,
  to: number,
  deadline: number,
): Promise<{ written: number; error?: string }> {
  const { db, Timestamp } = client;
  let next = from;
  let written = from;
  let error: string | undefined;
  const worker = async () => {
    while (next < to && error === undefined && performance.now() < deadline) {
      const start = next;
      const end = Math.min(to, start + BATCH);
      next = end;
      const batch = db.batch();
      for (let n = start; n < end; n++) batch.set(layout.doc(db, n), todo(n, Timestamp));
      try {
        await batch.commit();
        written += end - start;
      } catch (e) {
        error ??= (e as Error).message.split('\n')[0];
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return error === undefined ? { written } : { written, error };
}

/** Per query: the first one's time (an index built), the p50 of the next, the server's CPU per query. */
async function timeQueries(server: Launched, queries: Record<string, (i: number) => Query>) {
  const out: Record<string, { first: number; p50: number; cpu: number; count: number }> = {};
  for (const [name, build] of Object.entries(queries)) {
    const times: number[] = [];
    let count = 0;
    const firstStart = performance.now();
    await build(0).get();
    const first = performance.now() - firstStart;
    const cpuBefore = await server.cpu();
    for (let i = 1; i <= QUERIES; i++) {
      const start = performance.now();
      const snapshot = await build(i).get();
      times.push(performance.now() - start);
      count = snapshot.size;
    }
    const cpu = ((await server.cpu()) - cpuBefore) / QUERIES / 1000;
    out[name] = {
      first,
      p50: median(times),
      cpu,
      count,
    };
  }
  return out;
}

const rows: string[][] = [];
const row = (...cells: (string | number)[]) => {
  const line = cells.map(String);
  rows.push(line);
  console.log(line.join('  '));
};
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * `target|layout` → RSS after GC less the RSS before loading, at the first size or where the load
 * stopped short of it, for the ratios.
 */
const dataRss = new Map<string, { size: number; bytes: number }>();

const launchServer = (target: Target, entry: string, ...args: string[]) =>
  launchWith([`--max-old-space-size=${HEAP_MB}`, '--expose-gc'], target, entry, ...args);

async function measure(
  target: Target,
  entry: string,
  layout: Layout,
  limitMs: number,
  then?: (server: Launched, loaded: number) => Promise<void>,
): Promise<void> {
  const server = await launchServer(target, entry);
  const pid = server.child.pid!;
  let exited: string | undefined;
  server.child.on('exit', (code, signal) => (exited = `the server exited (${signal ?? code})`));
  const client = await connect(target, server.ready.port);
  await server.collectGarbage();
  const empty = procStatus(pid, 'VmRSS');
  const label = `${target} ${layout.name}`;
  row(label, 'empty', `RSS ${mib(empty)}`);
  const deadline = performance.now() + limitMs;
  let loaded = 0;
  try {
    for (const size of SIZES) {
      const start = performance.now();
      const cpuStart = await server.cpu();
      const from = loaded;
      const result = await load(client, layout, loaded, size, deadline);
      loaded = result.written;
      const loadMs = performance.now() - start;
      if (loaded < size) {
        let memory = '';
        if (!exited && loaded > 0) {
          await server.collectGarbage();
          const rssGc = procStatus(pid, 'VmRSS');
          dataRss.set(`${target}|${layout.name}`, { size: loaded, bytes: rssGc - empty });
          memory = `RSS after GC ${mib(rssGc)}: ${mib(((rssGc - empty) / loaded) * 100_000)} per 100k documents`;
        }
        row(
          label,
          `stopped at ${loaded} of ${size}`,
          exited ?? result.error ?? `the ${limitMs / 1000} s load limit`,
          `after ${seconds(loadMs)}`,
          memory,
        );
        break;
      }
      const loadCpu = (await server.cpu()) - cpuStart;
      const rss = procStatus(pid, 'VmRSS');
      await server.collectGarbage();
      const rssGc = procStatus(pid, 'VmRSS');
      if (size === SIZES[0])
        dataRss.set(`${target}|${layout.name}`, { size, bytes: rssGc - empty });
      row(
        label,
        `${size / 1000}k`,
        `load ${seconds(loadMs)} (${Math.round(((size - from) / loadMs) * 1000)} docs/s, server CPU ${(loadCpu / (size - from)).toFixed(0)} µs per document)`,
        `RSS ${mib(rss)}, after GC ${mib(rssGc)}: ${mib(((rssGc - empty) / size) * 100_000)} per 100k documents`,
      );
      const queries = await timeQueries(server, layout.queries(client.db, size));
      for (const [name, q] of Object.entries(queries))
        row(
          label,
          `${size / 1000}k`,
          `${name}: first ${q.first.toFixed(1)} ms, p50 ${q.p50.toFixed(2)} ms, server CPU ${q.cpu.toFixed(2)} ms per query (${q.count} docs)`,
        );
      await server.collectGarbage();
      const indexed = procStatus(pid, 'VmRSS');
      row(
        label,
        `${size / 1000}k`,
        `RSS after the queries and GC ${mib(indexed)} (+${mib(indexed - rssGc)}: what the queries built)`,
      );
    }
    if (then && loaded > 0 && !exited) await then(server, loaded);
  } finally {
    await client.close();
    server.child.kill();
  }
}

/** Exports the server's data through the control endpoint, then starts a fresh server importing it. */
async function exportAndImport(
  server: Launched,
  entry: string,
  layout: Layout,
  size: number,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-scale-'));
  const label = `hearth ${layout.name}`;
  try {
    const pid = server.child.pid!;
    await server.collectGarbage();
    const before = procStatus(pid, 'VmRSS');
    resetPeak(pid);
    const cpuBefore = await server.cpu();
    const start = performance.now();
    const answer = await fetch(
      `http://127.0.0.1:${server.ready.port}/emulator/v1/projects/demo-bench-scale:export`,
      { method: 'POST', body: JSON.stringify({ export_directory: dir }) },
    ).then(
      async (response) => (response.ok ? null : `${response.status} ${await response.text()}`),
      (error: Error) =>
        `${error.message} (the server exited: ${server.child.exitCode ?? server.child.signalCode})`,
    );
    const exportMs = performance.now() - start;
    if (answer !== null) {
      row(label, `export of ${size / 1000}k`, `failed after ${seconds(exportMs)}: ${answer}`);
      return;
    }
    const peak = procStatus(pid, 'VmHWM');
    const exportCpu = (await server.cpu()) - cpuBefore;
    const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    row(
      label,
      `export of ${size / 1000}k`,
      `${seconds(exportMs)} (server CPU ${seconds(exportCpu / 1000)}), ${mib(bytes)} on disk`,
      `peak RSS ${mib(peak)}, +${mib(peak - before)} over the ${mib(before)} before`,
    );
    const gone = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill();
    await gone;

    const importStart = performance.now();
    const imported = await launchServer('hearth', entry, dir).catch((error: Error) => {
      row(label, `import of ${size / 1000}k`, `failed: ${error.message}`);
      return null;
    });
    if (!imported) return;
    const importMs = performance.now() - importStart;
    try {
      const importPeak = procStatus(imported.child.pid!, 'VmHWM');
      const importCpu = await imported.cpu();
      await imported.collectGarbage();
      const rssGc = procStatus(imported.child.pid!, 'VmRSS');
      const client = await connect('hearth', imported.ready.port);
      const count = (await client.db.collectionGroup('todos').count().get()).data().count;
      await client.close();
      row(
        label,
        `import of ${size / 1000}k`,
        `${seconds(importMs)} from spawn to serving (server CPU ${seconds(importCpu / 1000)})`,
        `peak RSS ${mib(importPeak)}, after GC ${mib(rssGc)}; ${count} documents counted`,
      );
    } finally {
      imported.child.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEED = Number(process.env['BENCH_SCALE_SEED'] ?? 1000);
const SLICE = Number(process.env['BENCH_SCALE_SLICE'] ?? 50_000);

/** Queries that return as many documents at every size (`loaded` ≥ 1,000), one per index kind. */
const indexedQueries = (db: Db, loaded: number): Record<string, (i: number) => Query> => {
  const todos = db.collection('todos');
  const at = (i: number) => (i * 104_729) % (loaded - 20);
  return {
    // The first 1,000 to-dos are in lists 0–99, ten each.
    'equality (limit 10)': (i) => todos.where('listId', '==', `list${(i * 37) % 100}`).limit(10),
    'range (10 docs)': (i) => todos.where('order', '>=', at(i)).where('order', '<', at(i) + 10),
    'ordered limit': (i) => todos.orderBy('order', 'desc').startAfter(at(i)).limit(20),
    'array-contains (limit 20)': (i) =>
      todos.where('tags', 'array-contains', `u${i % 11}`).limit(20),
  };
};

/** One server of the indexed-load comparison, with its segment's sums. */
interface Loader {
  name: string;
  server: Launched;
  client: Awaited<ReturnType<typeof connect>>;
  empty: number;
  loaded: number;
  segment: { ms: number; cpu: number; docs: number };
  slice: { ms: number; cpu: number; docs: number };
}

async function startLoader(name: string, entry: string, profileDir?: string): Promise<Loader> {
  const options = [`--max-old-space-size=${HEAP_MB}`, '--expose-gc'];
  if (profileDir) options.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  const server = await launchWith(options, 'hearth', entry);
  const client = await connect('hearth', server.ready.port);
  await server.collectGarbage();
  const empty = procStatus(server.child.pid!, 'VmRSS');
  row(name, 'empty', `RSS ${mib(empty)}`);
  const zero = { ms: 0, cpu: 0, docs: 0 };
  return { name, server, client, empty, loaded: 0, segment: { ...zero }, slice: { ...zero } };
}

/** Loads documents up to `to` into one server, adding the time and CPU to its segment. */
async function loadSlice(loader: Loader, to: number, deadline: number): Promise<void> {
  const cpuStart = await loader.server.cpu();
  const start = performance.now();
  const from = loader.loaded;
  const result = await load(loader.client, oneCollection, from, to, deadline);
  const ms = performance.now() - start;
  const cpu = (await loader.server.cpu()) - cpuStart;
  loader.loaded = result.written;
  loader.slice = { ms, cpu, docs: result.written - from };
  loader.segment.ms += ms;
  loader.segment.cpu += cpu;
  loader.segment.docs += result.written - from;
  if (result.written < to)
    throw new Error(
      `${loader.name}: stopped at ${result.written} of ${to}: ${result.error ?? 'the load limit'}`,
    );
}

const perDoc = (part: { cpu: number; docs: number }) => part.cpu / part.docs;

async function reportQueries(loader: Loader, label: string): Promise<Record<string, number>> {
  const p50: Record<string, number> = {};
  const measured = await timeQueries(
    loader.server,
    indexedQueries(loader.client.db, loader.loaded),
  );
  for (const [name, q] of Object.entries(measured)) {
    p50[name] = q.p50;
    row(
      loader.name,
      label,
      `${name}: first ${q.first.toFixed(1)} ms, p50 ${q.p50.toFixed(2)} ms, server CPU ${q.cpu.toFixed(2)} ms per query (${q.count} docs)`,
    );
  }
  return p50;
}

/** BENCH_SCALE_MODE=indexed: a load into a collection whose indexes exist against one without. */
async function indexedLoad(entry: string): Promise<void> {
  const profileDir = process.env['BENCH_SCALE_CPU_PROF'];
  const indexed = await startLoader('indexed', entry, profileDir);
  const plain = await startLoader('unindexed', entry);
  const both = [indexed, plain];
  const deadline = performance.now() + 2 * LOAD_LIMIT_MS;
  try {
    for (const loader of both) await loadSlice(loader, SEED, deadline);
    const seedP50 = await reportQueries(indexed, `${SEED / 1000}k`);
    let turn = 0;
    for (const size of SIZES) {
      for (const loader of both) loader.segment = { ms: 0, cpu: 0, docs: 0 };
      const from = indexed.loaded;
      while (indexed.loaded < size) {
        const to = Math.min(size, indexed.loaded + SLICE);
        const order = turn++ % 2 === 0 ? both : [plain, indexed];
        for (const loader of order) await loadSlice(loader, to, deadline);
      }
      const rss: number[] = [];
      for (const loader of both) {
        await loader.server.collectGarbage();
        const after = procStatus(loader.server.child.pid!, 'VmRSS');
        rss.push(after);
        const { segment, slice } = loader;
        row(
          loader.name,
          `${size / 1000}k`,
          `load ${from / 1000}k→${size / 1000}k: ${Math.round((segment.docs / segment.ms) * 1000)} docs/s, server CPU ${perDoc(segment).toFixed(1)} µs per document (last slice ${Math.round((slice.docs / slice.ms) * 1000)} docs/s, ${perDoc(slice).toFixed(1)} µs)`,
          `RSS after GC ${mib(after)}: ${mib(((after - loader.empty) / size) * 100_000)} per 100k documents`,
        );
      }
      row(
        'ratio indexed / unindexed',
        `${size / 1000}k`,
        `server CPU per document ${(perDoc(indexed.segment) / perDoc(plain.segment)).toFixed(2)}x (last slice ${(perDoc(indexed.slice) / perDoc(plain.slice)).toFixed(2)}x), docs/s ${(indexed.segment.docs / indexed.segment.ms / (plain.segment.docs / plain.segment.ms)).toFixed(2)}x`,
        `RSS +${mib((rss[0] as number) - (rss[1] as number))} for the indexes`,
      );
      const p50 = await reportQueries(indexed, `${size / 1000}k`);
      row(
        'ratio query p50',
        `${size / 1000}k / ${SEED / 1000}k`,
        Object.entries(p50)
          .map(([name, ms]) => `${name} ${(ms / (seedP50[name] as number)).toFixed(2)}x`)
          .join(', '),
      );
    }
    await reportQueries(plain, `${plain.loaded / 1000}k, indexes built now`);
  } catch (error) {
    row('indexed load', 'stopped', (error as Error).message);
  } finally {
    for (const loader of both) {
      await loader.client.close();
      const gone = new Promise((resolve) => loader.server.child.once('exit', resolve));
      // Closing stdin ends the server normally, so that --cpu-prof writes its profile.
      loader.server.child.stdin!.end();
      await gone;
    }
  }
}

async function main(): Promise<void> {
  const entry = await buildServerEntry(
    fileURLToPath(new URL('.', import.meta.url)),
    'firestore-scale',
  );
  if (process.env['BENCH_SCALE_MODE'] === 'indexed') return indexedLoad(entry);
  const layouts = (process.env['BENCH_SCALE_LAYOUTS'] ?? 'todos,lists')
    .split(',')
    .map((name) => (name === 'lists' ? lists : oneCollection));
  for (const [i, layout] of layouts.entries()) {
    await measure('hearth', entry, layout, LOAD_LIMIT_MS, (server, loaded) =>
      i === 0 ? exportAndImport(server, entry, layout, loaded) : Promise.resolve(),
    );
    await measure(
      'peer',
      entry,
      layout,
      layout === oneCollection ? PEER_ONE_COLLECTION_MS : LOAD_LIMIT_MS,
    );
  }
  const per100k = (figure: { size: number; bytes: number }) =>
    (figure.bytes / figure.size) * 100_000;
  for (const layout of [oneCollection, lists]) {
    const ours = dataRss.get(`hearth|${layout.name}`);
    const theirs = dataRss.get(`peer|${layout.name}`);
    if (!ours || !theirs) continue;
    row(
      `ratio ${layout.name}`,
      `memory of the data per 100k documents (RSS after GC less empty)`,
      `ours ${mib(per100k(ours))} (at ${ours.size}), peer ${mib(per100k(theirs))} (at ${theirs.size})`,
      `peer / ours ${(per100k(theirs) / per100k(ours)).toFixed(2)}x`,
    );
  }
}

await main();
