/**
 * Rules engine throughput: evaluations per second of a realistic ruleset (Hearth's own
 * firestore.rules: lists with a members map, to-dos validated field by field, get() on the
 * parent list) over a mix of reads, writes and queries, for
 *   (a) one compiled ruleset reused for every request, and
 *   (b) the peer: compiling the ruleset for every request,
 * measured in the same run. Prints both rates and their ratio.
 *
 *   npx tsx bench/rules.ts [--seconds 2]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  CompiledRuleset,
  DocumentAccess,
  FirestoreRulesRequest,
} from '../emulator/src/rules/api.js';
import { compileRuleset } from '../emulator/src/rules/index.js';
import {
  auth,
  document,
  firestoreRequest,
  toValue,
} from '../emulator/src/rules/testing/testKit.js';
import { newTodoDoc } from '../functions/src/model/index.js';
import { everyTodoField } from '../functions/src/testing/everyTodoField.js';
import { median } from './support/stats.js';

const flag = process.argv.indexOf('--seconds');
const seconds = flag > 0 ? Number(process.argv[flag + 1]) : 2;
if (!(seconds > 0)) throw new Error('usage: npx tsx bench/rules.ts [--seconds N]');
const source = readFileSync(fileURLToPath(new URL('../firestore.rules', import.meta.url)), 'utf8');

const TIME = { seconds: 1_700_000_000, nanos: 0 };
const now = new Date(TIME.seconds * 1000);
const list = {
  title: 'Groceries',
  ownerId: 'u1',
  members: { u1: 'owner', u2: 'editor', u3: 'viewer' },
  memberIds: ['u1', 'u2', 'u3'],
  counts: { open: 1, done: 0 },
  order: 1,
  createdAt: now,
  updatedAt: now,
};
// Spread into a plain object: the test kit's document() takes a record, not the TodoDoc interface.
const todo = { ...newTodoDoc('u2', everyTodoField, list.memberIds, now) };
// Documents are converted once, as a store would hold them, so the benchmark measures the engine.
const stored = new Map(
  Object.entries({ 'lists/l1': list, 'lists/l1/todos/t1': todo }).map(([p, d]) => [
    `/databases/(default)/documents/${p}`,
    document(p, d),
  ]),
);
const access: DocumentAccess = {
  get: (p) => stored.get(p) ?? null,
  getAfter: (p) => stored.get(p) ?? null,
};
const done = { ...todo, done: true, completedAt: now };
// A new to-do starts without steps (the rules check steps when they are added).
const created = { ...todo, subtasks: [] };

const REQUESTS: { name: string; allowed: boolean; request: FirestoreRulesRequest }[] = [
  {
    name: 'get a to-do as a viewer (get() on the list)',
    allowed: true,
    request: firestoreRequest({
      time: TIME,
      access,
      auth: auth('u3'),
      path: 'lists/l1/todos/t1',
      resource: document('lists/l1/todos/t1', todo),
    }),
  },
  {
    name: 'list to-dos as a member',
    allowed: true,
    request: firestoreRequest({
      time: TIME,
      access,
      auth: auth('u3'),
      method: 'list',
      path: 'lists/l1/todos',
      query: { disjuncts: [], orderBy: [{ field: ['order'], direction: 'ASCENDING' }], limit: 50 },
    }),
  },
  {
    name: 'create a valid to-do as an editor',
    allowed: true,
    request: firestoreRequest({
      time: TIME,
      access,
      auth: auth('u2'),
      method: 'create',
      path: 'lists/l1/todos/t2',
      requestResource: document('lists/l1/todos/t2', created),
    }),
  },
  {
    name: 'complete a to-do as an editor',
    allowed: true,
    request: firestoreRequest({
      time: TIME,
      access,
      auth: auth('u2'),
      method: 'update',
      path: 'lists/l1/todos/t1',
      resource: document('lists/l1/todos/t1', todo),
      requestResource: document('lists/l1/todos/t1', done),
    }),
  },
  {
    name: 'query my lists (memberIds array-contains)',
    allowed: true,
    request: firestoreRequest({
      time: TIME,
      access,
      auth: auth('u2'),
      method: 'list',
      path: 'lists',
      query: {
        disjuncts: [[{ field: ['memberIds'], op: 'ARRAY_CONTAINS', value: toValue('u2') }]],
        orderBy: [],
      },
    }),
  },
  {
    name: 'a stranger reads a to-do (denied)',
    allowed: false,
    request: firestoreRequest({
      time: TIME,
      access,
      auth: auth('u9'),
      path: 'lists/l1/todos/t1',
      resource: document('lists/l1/todos/t1', todo),
    }),
  },
];

function compile(): CompiledRuleset {
  const { ruleset, issues } = compileRuleset(source);
  if (!ruleset) throw new Error(`firestore.rules does not compile: ${JSON.stringify(issues)}`);
  return ruleset;
}

const shared = compile();
// Each request is decided as the app needs, or the rates below would measure another path.
for (const { name, allowed, request } of REQUESTS) {
  const d = shared.evaluateFirestore(request);
  console.log(
    `${d.allowed ? 'allow' : 'deny '}  ${name}${d.allowed ? '' : `: ${d.message.split('\n')[0]}`}`,
  );
  if (d.allowed !== allowed)
    throw new Error(`firestore.rules no longer decides "${name}" as expected`);
}

/** Evaluations per second of `step` over the request mix, for about `duration` seconds. */
function rate(step: (request: FirestoreRulesRequest) => void, duration: number): number {
  let n = 0;
  const deadline = performance.now() + duration * 1000;
  const start = performance.now();
  while (performance.now() < deadline) {
    for (const { request } of REQUESTS) step(request);
    n += REQUESTS.length;
  }
  return n / ((performance.now() - start) / 1000);
}

// The machine is shared: alternate short windows of (a) and (b) and keep the medians, so a
// burst of load elsewhere hits both sides alike.
const ROUNDS = 5;
const window = seconds / ROUNDS;
rate((r) => shared.evaluateFirestore(r), window); // warm-up
const reusedRates: number[] = [];
const perRequestRates: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  reusedRates.push(rate((r) => shared.evaluateFirestore(r), window));
  perRequestRates.push(rate((r) => compile().evaluateFirestore(r), window));
}
const reused = median(reusedRates);
const perRequest = median(perRequestRates);
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
console.log(
  `\nruleset: firestore.rules (${source.length} chars), ${REQUESTS.length} request kinds, median of ${ROUNDS} alternating windows of ${window.toFixed(1)}s each`,
);
console.log(`(a) compiled once, reused:     ${fmt(reused).padStart(10)} evaluations/s`);
console.log(`(b) peer, compiled per request: ${fmt(perRequest).padStart(9)} evaluations/s`);
console.log(`ratio (a)/(b): ${(reused / perRequest).toFixed(1)}x`);
