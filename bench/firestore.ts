/**
 * Firestore emulator throughput against a peer (`npx tsx bench/firestore.ts`, ~2 min).
 *
 * The same firebase-admin workload runs against this emulator and against the npm package
 * `@firestore-emulator/server`, each served from its own child process so that client and server
 * do not share an event loop. Rows give each figure and the ratio (ours / peer; for latencies,
 * peer / ours, so above 1 is better either way), and the time from process start until each
 * server is ready to serve.
 *
 * Every server answers the same client, firebase-admin in this process, and on a 2-core machine
 * that client is what limits the wall-clock figures. Three measures show by how much:
 * - A third server that does no work at all (support/firestoreServers.ts) runs the set and get
 *   steps. Its ratio against the peer, the `ceiling` column, is the most any server could reach
 *   with this client here.
 * - Each step reads the CPU time each server process spent on it (`process.cpuUsage()` in the
 *   child, asked for over its stdin) and prints the server's cost per operation: what the
 *   emulator itself controls, and what bounds its throughput once clients are not the limit.
 * - The client's own CPU time per operation, in this process.
 * The `no SDK` rows drive the servers with a bare gRPC client (support/rawFirestore.ts), light
 * enough that the server's own speed shows more in the wall-clock figure.
 *
 * A fourth server is this emulator as it was at the previous commit (HEAD~1, or the revision in
 * BENCH_BASE), built the same way from a throwaway git worktree: the `vs base` column is this
 * tree's figure against it, measured in the same run.
 */
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { adminFirestore, type AdminFirestore } from './support/adminFirestore.js';
import type { ServerTarget } from './support/firestoreServers.js';
import { rawFirestore, unsignedIdToken, type RawFirestore } from './support/rawFirestore.js';
import { median } from './support/stats.js';
import { printTable } from './support/table.js';
import {
  buildBaseEntry,
  buildServerEntry,
  launch as launchKind,
  type Launched,
} from './support/serverProcess.js';
import { rawClient } from '../emulator/test/firestoreGrpcClient.js';

/** The servers measured: support/firestoreServers.ts's, and `base`, this emulator at the base. */
type Server = ServerTarget | 'base';

const launch = (server: Server | 'rules', entry: string, ...args: string[]): Promise<Launched> =>
  launchKind(server === 'base' ? 'hearth' : server, entry, ...args);

type Db = import('firebase-admin/firestore').Firestore;
type Figure = number | string;

async function connect(target: Server, port: number): Promise<AdminFirestore> {
  const client = await adminFirestore(target, port);
  await client.db.doc('warm/up').set({ ok: true });
  return client;
}

async function parallel(
  count: number,
  width: number,
  op: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await op(next++);
    }),
  );
}

/** Operations per second of `run`, or why it failed. */
async function rate(count: number, run: () => Promise<void>): Promise<Figure> {
  const start = performance.now();
  try {
    await run();
    return (count * 1000) / (performance.now() - start);
  } catch (error) {
    return `failed: ${(error as Error).message.slice(0, 50)}`;
  }
}

/**
 * The workload, one figure at a time. Each is measured on the servers in turn, ROUNDS times,
 * keeping the best: this machine's speed swings by up to 2x from one second to the next (a shared
 * VM), and alternating short runs lets those swings hit every server alike.
 */
interface Step {
  name: string;
  lowerIsBetter?: boolean;
  /** Operations one run makes, to give the server's CPU time per operation; absent: not counted. */
  ops?: number;
  /** Also run against the no-op server, which answers only Commit and BatchGetDocuments. */
  ceiling?: boolean;
  run(db: Db, raw: RawFirestore): Promise<Figure>;
}

const steps: Step[] = [
  {
    name: 'sequential sets /s',
    ceiling: true,
    ops: 300,
    run: (db) =>
      rate(300, async () => {
        for (let i = 0; i < 300; i++)
          await db.doc(`seq/${i}`).set({ n: i, s: `value ${i}`, tags: ['a', 'b'] });
      }),
  },
  {
    name: 'parallel sets /s',
    ceiling: true,
    ops: 1500,
    run: (db) =>
      rate(1500, () =>
        parallel(1500, 50, (i) =>
          db.doc(`par/${i}`).set({ n: i % 100, s: `value ${i}`, nested: { i } }),
        ),
      ),
  },
  {
    name: 'sequential gets /s',
    ceiling: true,
    ops: 300,
    run: (db) =>
      rate(300, async () => {
        for (let i = 0; i < 300; i++) await db.doc(`seq/${i}`).get();
      }),
  },
  {
    name: 'parallel gets /s',
    ceiling: true,
    ops: 1500,
    run: (db) => rate(1500, () => parallel(1500, 50, (i) => db.doc(`par/${i}`).get())),
  },
  {
    name: 'queries /s',
    ops: 200,
    run: (db) =>
      rate(200, () =>
        parallel(200, 10, (i) =>
          db
            .collection('par')
            .where('n', '>=', i % 90)
            .orderBy('n')
            .limit(10)
            .get(),
        ),
      ),
  },
  {
    name: '50 concurrent transactions /s',
    ops: 50,
    run: async (db) => {
      const counter = db.doc('txn/counter');
      await counter.set({ n: 0 });
      return rate(50, async () => {
        await Promise.allSettled(
          Array.from({ length: 50 }, () =>
            db.runTransaction(async (tx) => {
              const snap = await tx.get(counter);
              tx.update(counter, { n: ((snap.get('n') as number) ?? 0) + 1 });
            }),
          ),
        );
      });
    },
  },
  {
    name: 'transaction counter (of 50)',
    run: async (db) => String((await db.doc('txn/counter').get()).get('n')),
  },
  {
    name: 'no SDK: sequential commits /s',
    ceiling: true,
    ops: 1000,
    run: (_db, raw) =>
      rate(1000, async () => {
        for (let i = 0; i < 1000; i++) await raw.set(i);
      }),
  },
  {
    name: 'no SDK: parallel commits /s',
    ceiling: true,
    ops: 3000,
    run: (_db, raw) => rate(3000, () => parallel(3000, 50, (i) => raw.set(i))),
  },
  {
    name: 'no SDK: parallel gets /s',
    ceiling: true,
    ops: 3000,
    run: (_db, raw) => rate(3000, () => parallel(3000, 50, (i) => raw.get(i))),
  },
  {
    name: 'listener round trip ms (median)',
    ops: 50,
    lowerIsBetter: true,
    run: (db) => listenerRoundTrip(db).catch((e: Error) => `failed: ${e.message.slice(0, 50)}`),
  },
];

function better(a: Figure | undefined, b: Figure, lowerIsBetter: boolean): Figure {
  if (typeof a !== 'number') return typeof b === 'number' || a === undefined ? b : a;
  if (typeof b !== 'number') return a;
  return lowerIsBetter ? Math.min(a, b) : Math.max(a, b);
}

async function listenerRoundTrip(db: Db): Promise<number> {
  const ref = db.doc('live/doc');
  const samples: number[] = [];
  let pending: ((value: number) => void) | undefined;
  let expected = -1;
  const unsubscribe = ref.onSnapshot((snap) => {
    if (snap.exists && snap.get('n') === expected && pending) pending(performance.now());
  });
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < 50; i++) {
    expected = i;
    const arrived = new Promise<number>((resolve) => (pending = resolve));
    const start = performance.now();
    await ref.set({ n: i });
    samples.push(
      (await Promise.race([
        arrived,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error('no snapshot within 5 s')), 5000),
        ),
      ])) - start,
    );
  }
  unsubscribe();
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

const targets = ['hearth', 'base', 'peer', 'none'] as const;
const ROUNDS = 4;
type PerTarget<T> = Record<Server, T>;
type Table = PerTarget<Record<string, Figure>>;
const table = (): Table => targetsMap(() => ({}));

async function main(): Promise<void> {
  const entry = await buildServerEntry(fileURLToPath(new URL('.', import.meta.url)), 'firestore');
  const base = await buildBaseEntry(process.env['BENCH_BASE'] ?? 'HEAD~1');
  const entries = targetsMap((target) => (target === 'base' ? base.entry : entry));
  const launched = {} as PerTarget<Launched>;
  const clients = {} as PerTarget<AdminFirestore>;
  const raw = {} as PerTarget<RawFirestore>;
  const figures = table();
  const serverCost = table();
  const clientCost = table();
  try {
    for (const target of targets) {
      launched[target] = await launch(target, entries[target]);
      clients[target] = await connect(target, launched[target].ready.port);
      raw[target] = rawFirestore(launched[target].ready.port, `demo-bench-${target}`);
    }
    for (const step of steps) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) {
          // The no-op server only answers the ceiling steps.
          if (target === 'none' && !step.ceiling) continue;
          const cpuBefore = await launched[target].cpu();
          const clientBefore = process.cpuUsage();
          const figure = await step.run(clients[target].db, raw[target]);
          const clientUsed = process.cpuUsage(clientBefore);
          const cpuUsed = (await launched[target].cpu()) - cpuBefore;
          figures[target][step.name] = better(
            figures[target][step.name],
            figure,
            step.lowerIsBetter === true,
          );
          if (step.ops && typeof figure === 'number') {
            serverCost[target][step.name] = better(
              serverCost[target][step.name],
              cpuUsed / step.ops,
              true,
            );
            clientCost[target][step.name] = better(
              clientCost[target][step.name],
              (clientUsed.user + clientUsed.system) / step.ops,
              true,
            );
          }
        }
      }
    }
  } finally {
    for (const target of targets) {
      await clients[target]?.close();
      raw[target]?.close();
      launched[target]?.child.kill();
    }
  }
  const fmt = (v: Figure | undefined): string =>
    typeof v === 'number' ? v.toFixed(1) : v === undefined ? '' : v;
  const ratio = (ours: Figure | undefined, peer: Figure | undefined, lowerIsBetter: boolean) =>
    typeof ours === 'number' && typeof peer === 'number'
      ? `${(lowerIsBetter ? peer / ours : ours / peer).toFixed(2)}x`
      : '';
  /**
   * A row of the servers' figures: ours against the base and against the peer, the no-op server's
   * against the peer.
   */
  const row = (name: string, of: PerTarget<Figure | undefined>, lowerIsBetter: boolean) => [
    name,
    fmt(of.hearth),
    fmt(of.base),
    ratio(of.hearth, of.base, lowerIsBetter),
    fmt(of.peer),
    ratio(of.hearth, of.peer, lowerIsBetter),
    fmt(of.none),
    ratio(of.none, of.peer, lowerIsBetter),
  ];
  const pick = (from: Table, name: string) => targetsMap((t) => from[t][name]);
  const counted = steps.filter((s) => s.ops);
  const short = (step: Step) => `  ${step.name.replace(/ (\/s|ms \(median\))$/, '')}`;
  const rows: string[][] = [
    [
      'figure',
      'hearth',
      `base ${base.commit}`,
      'vs base',
      '@firestore-emulator/server',
      'ratio',
      'no-op server',
      'ceiling',
    ],
    ...steps.map((step) => row(step.name, pick(figures, step.name), step.lowerIsBetter === true)),
    row(
      'ready since process start ms',
      targetsMap((t) => launched[t].ready.sinceProcessStart),
      true,
    ),
    row(
      'start call until ready ms',
      targetsMap((t) => launched[t].ready.startCall),
      true,
    ),
    ['server CPU µs per operation'],
    ...counted.map((step) => row(short(step), pick(serverCost, step.name), true)),
    ['client (this process) CPU µs per operation'],
    ...counted.map((step) => {
      const cost = pick(clientCost, step.name);
      return [
        short(step),
        fmt(cost.hearth),
        fmt(cost.base),
        '',
        fmt(cost.peer),
        '',
        fmt(cost.none),
      ];
    }),
  ];
  printTable(rows);
  console.log(
    [
      'vs base, ratio above 1: this tree is better than the base (throughput ours/base; latency, start time and CPU base/ours).',
      'ratio above 1: this emulator is better (throughput ours/peer; latency, start time and CPU peer/ours).',
      'ceiling: the no-op server against the peer, the most any server could reach with this client here.',
    ].join('\n'),
  );
  await consoleAttached(entry);
}

/**
 * The cost of a Hearth Console watching: a rules-checked workload on one server, in rounds with
 * and without a console attached, as its Requests and Firestore tabs keep the request log and the
 * change feed streaming (server-sent events read here). Every request a signed-in client makes is
 * evaluated and recorded in the request log; while watched, it is also streamed.
 */
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    function member() {
      return get(/databases/$(database)/documents/members/$(request.auth.uid)).data.active == true;
    }
    match /raw/{id} {
      allow read, write: if request.auth != null && member();
    }
  }
}`;

/** Rounds per step, half of them with a console attached: a small cost needs many to show through the noise. */
const CONSOLE_ROUNDS = 12;

interface ConsoleStep {
  name: string;
  ops: number;
  run(client: RawFirestore): Promise<Figure>;
}

const consoleSteps: ConsoleStep[] = [
  {
    name: 'signed-in sequential commits /s',
    ops: 1000,
    run: (raw) =>
      rate(1000, async () => {
        for (let i = 0; i < 1000; i++) await raw.set(i);
      }),
  },
  {
    name: 'signed-in parallel commits /s',
    ops: 3000,
    run: (raw) => rate(3000, () => parallel(3000, 50, (i) => raw.set(i))),
  },
  {
    name: 'signed-in parallel gets /s',
    ops: 3000,
    run: (raw) => rate(3000, () => parallel(3000, 50, (i) => raw.get(i))),
  },
  {
    name: 'signed-in queries /s',
    ops: 600,
    run: (raw) => rate(600, () => parallel(600, 10, (i) => raw.query(i))),
  },
];

/**
 * Opens the streams the console keeps open; returns how many events arrived, a promise that
 * resolves once each stream's first bytes (the request log's replay of its newest entries, which
 * a console is sent once, when it connects) have arrived, and a closer.
 */
function attachConsole(port: number, projectId: string) {
  const abort = new AbortController();
  let events = 0;
  const base = `http://127.0.0.1:${port}/emulator/v1/projects/${projectId}`;
  const connected = [`${base}/requests`, `${base}/databases/(default)/changes`].map(
    (url) =>
      new Promise<void>((resolve) => {
        void fetch(url, { headers: { Accept: 'text/event-stream' }, signal: abort.signal })
          .then(async (response) => {
            const reader = response.body!.getReader();
            const decoder = new TextDecoder();
            for (;;) {
              const { done, value } = await reader.read();
              resolve();
              if (done) return;
              events += decoder.decode(value).split('\nevent: ').length - 1;
            }
          })
          .catch(() => undefined)
          .finally(resolve);
      }),
  );
  return {
    connected: Promise.all(connected),
    events: () => events,
    close: () => abort.abort(),
  };
}

interface Samples {
  rates: [number[], number[]];
  costs: [number[], number[]];
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 250));

async function consoleAttached(entry: string): Promise<void> {
  const rulesFile = fileURLToPath(
    new URL('../node_modules/.cache/hearth-bench/firestore/bench.rules', import.meta.url),
  );
  await writeFile(rulesFile, RULES);
  const projectId = 'demo-bench-console';
  const server = await launch('rules', entry, rulesFile);
  const client = rawFirestore(server.ready.port, projectId, unsignedIdToken('bench'));
  /** Per step, for rounds without (index 0) and with (1) a console: throughput, server CPU per op. */
  const samples = new Map(
    consoleSteps.map((step) => [step.name, { rates: [[], []], costs: [[], []] } as Samples]),
  );
  let events = 0;
  /** Server CPU of every round without (index 0) and with (1) a console, all steps together. */
  const pooled = [0, 0];
  try {
    // The rules' get() finds the bench's membership, as Hearth's rules find a list's members.
    const admin = rawClient(`127.0.0.1:${server.ready.port}`);
    await admin.unary('Commit', {
      database: `projects/${projectId}/databases/(default)`,
      writes: [
        {
          update: {
            name: `projects/${projectId}/databases/(default)/documents/members/bench`,
            fields: { active: { booleanValue: true } },
          },
        },
      ],
    });
    admin.close();
    for (const step of consoleSteps) {
      // One server, watched in every other short round: the machine's swings fall on both sides
      // alike, and the medians of many rounds hold still where a best-of would not.
      await step.run(client); // warm-up, not counted
      for (let round = 0; round < CONSOLE_ROUNDS; round++) {
        const watched = round % 2;
        const watching = watched ? attachConsole(server.ready.port, projectId) : null;
        // What is measured is a console that stays attached, as a developer's does: the cost of
        // connecting (the replay of the newest entries) is paid before the round, not in it.
        await watching?.connected;
        // Every round starts and ends with the same pause, watched or not, so that neither side
        // pays for the other's leftovers (garbage, events still on their way).
        await pause();
        const cpuBefore = await server.cpu();
        const figure = await step.run(client);
        const used = (await server.cpu()) - cpuBefore;
        await pause();
        if (watching) {
          watching.close();
          events += watching.events();
        }
        if (typeof figure !== 'number') continue;
        const sample = samples.get(step.name)!;
        sample.rates[watched]!.push(figure);
        sample.costs[watched]!.push(used / step.ops);
        pooled[watched]! += used;
      }
    }
  } finally {
    client.close();
    server.child.kill();
  }
  const fmt = (v: number | undefined) => (v === undefined ? '' : v.toFixed(1));
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? '' : `${(a / b).toFixed(3)}x`;
  const rows = [
    ['console attached (medians)', 'without console', 'with console', 'ratio'],
    ...consoleSteps.map((step) => {
      const [without, watched] = samples.get(step.name)!.rates.map(median);
      return [step.name, fmt(without), fmt(watched), ratio(watched, without)];
    }),
    ['server CPU µs per operation'],
    ...consoleSteps.map((step) => {
      const [without, watched] = samples.get(step.name)!.costs.map(median);
      return [
        `  ${step.name.replace(/ \/s$/, '')}`,
        fmt(without),
        fmt(watched),
        ratio(without, watched),
      ];
    }),
    [
      '  every round of every step, summed (ms)',
      fmt(pooled[0]! / 1000),
      fmt(pooled[1]! / 1000),
      ratio(pooled[0], pooled[1]),
    ],
  ];
  console.log('');
  printTable(rows);
  console.log(
    `ratio: with console / without (throughput; CPU: without / with), above 0.95 is within 5 %. ${CONSOLE_ROUNDS} rounds per step, every other one watched; the console received ${events} events.`,
  );
}

function targetsMap<T>(of: (target: Server) => T): PerTarget<T> {
  return { hearth: of('hearth'), base: of('base'), peer: of('peer'), none: of('none') };
}

await main();
