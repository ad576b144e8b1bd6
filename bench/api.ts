/**
 * REST API read throughput (`npx tsx bench/api.ts`, inside the stack: `npm run bench -- api`).
 *
 * 10 concurrent callers, each a member of one list of 30 to-dos signed in with its own Auth
 * emulator token, read `GET /api/v1/lists/{id}/todos?limit=20` through the Functions emulator.
 * The peer, in the same run, is the same read straight through firebase-admin from this process
 * (the list for membership and the page query, 10 at a time): what the function adds on top of
 * Firestore is the difference. Prints requests/s, p50 and p99 latency of both and the ratios.
 *
 * Each caller makes WARMUP + REQUESTS calls, within one rate-limit burst (30 per caller), so the
 * limiter never refuses and only the read path is measured.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { adminDb } from '../test/support/admin.js';
import { createUser } from '../test/support/authUsers.js';
import { eventually } from '../test/support/eventually.js';
import { apiBase } from '../test/support/apiClient.js';

const CALLERS = 10;
const TODOS = 30;
const PAGE = 20;
const WARMUP = 2;
const REQUESTS = 25;

interface Run {
  seconds: number;
  latenciesMs: number[];
  failures: number;
}

async function measure(calls: Array<() => Promise<boolean>>, perCaller: number): Promise<Run> {
  const latenciesMs: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      for (let i = 0; i < perCaller; i++) {
        const t0 = performance.now();
        const ok = await call();
        latenciesMs.push(performance.now() - t0);
        if (!ok) failures++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latenciesMs, failures };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(run: Run) {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  return {
    rps: sorted.length / run.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

// One sign-up at a time: each fires the sign-up trigger, and the Functions emulator starts a
// worker process per concurrent delivery, which a small machine feels for a while.
const users = [];
for (let i = 0; i < CALLERS; i++) users.push(await createUser(`bench-api-${i}`));
const owner = users[0];
if (!owner) throw new Error('no callers');
const list = adminDb.collection('lists').doc();
const now = FieldValue.serverTimestamp();
await list.set({
  title: 'Bench',
  ownerId: owner.uid,
  members: Object.fromEntries(users.map((user, i) => [user.uid, i === 0 ? 'owner' : 'editor'])),
  memberIds: users.map((user) => user.uid),
  counts: { open: 0, done: 0 },
  order: 0,
  createdAt: now,
  updatedAt: now,
});
const batch = adminDb.batch();
for (let i = 0; i < TODOS; i++) {
  batch.set(list.collection('todos').doc(), {
    title: `To-do ${i}`,
    notes: 'Some notes to make the documents realistic.',
    done: i % 4 === 0,
    completedAt: i % 4 === 0 ? now : null,
    due: null,
    repeat: null,
    reminders: [],
    subtasks: [],
    priority: i % 4,
    tags: ['bench', `t${i % 7}`],
    order: (i + 1) * 1024,
    createdBy: owner.uid,
    createdAt: now,
    updatedAt: now,
    attachmentCount: 0,
    memberIds: [owner.uid],
  });
}
await batch.commit();

// Each seeded to-do fires the counts trigger; let those settle so they do not share the machine
// with the measurement (a missing trigger only delays the start).
const settled = await eventually(
  async () => (await list.get()).get('counts') as { open: number; done: number },
  (counts) => counts.open + counts.done === TODOS,
  { timeoutMs: 120_000, intervalMs: 500 },
).then(
  () => true,
  () => false,
);
if (!settled) console.warn('the counts trigger did not settle; measuring anyway');

const url = `${apiBase}/lists/${list.id}/todos?limit=${PAGE}`;
const statuses = new Map<number, number>();
const viaApi = users.map((user) => async () => {
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${user.idToken}` },
    // The Functions emulator can drop a request when a worker fails to start on a busy machine.
    signal: AbortSignal.timeout(30_000),
  }).catch(() => null);
  if (!response) return false;
  const text = await response.text();
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return (
    response.status === 200 && (JSON.parse(text) as { todos: unknown[] }).todos.length === PAGE
  );
});
const viaAdmin = users.map((user) => async () => {
  const [snapshot, page] = await Promise.all([
    list.get(),
    list
      .collection('todos')
      .orderBy('order')
      .limit(PAGE + 1)
      .get(),
  ]);
  const members = snapshot.get('members') as Record<string, string>;
  return Boolean(members[user.uid]) && page.size === PAGE + 1;
});

// Warm-up: starts the function's workers and the admin SDK's channel.
await measure(viaApi, WARMUP);
await measure(viaAdmin, WARMUP);
const api = await measure(viaApi, REQUESTS);
const peer = await measure(viaAdmin, REQUESTS);

const a = summary(api);
const p = summary(peer);
const row = (name: string, s: ReturnType<typeof summary>) =>
  `${name.padEnd(44)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms`;
console.log(
  `GET /lists/{id}/todos?limit=${PAGE}, ${CALLERS} concurrent callers, ${CALLERS * REQUESTS} requests each way`,
);
console.log(row('REST API via the Functions emulator', a));
console.log(row('peer: same read via firebase-admin directly', p));
console.log(
  `ratio API/peer: throughput ${(a.rps / p.rps).toFixed(2)}x, p50 ${(a.p50 / p.p50).toFixed(1)}x, p99 ${(a.p99 / p.p99).toFixed(1)}x`,
);
if (api.failures + peer.failures > 0) {
  console.error(
    `failed requests: API ${api.failures}, peer ${peer.failures}; API statuses ${JSON.stringify([...statuses])}`,
  );
  process.exitCode = 1;
}
process.exit();
