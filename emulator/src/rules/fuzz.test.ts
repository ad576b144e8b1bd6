/**
 * Feeds thousands of random and mutated rules files to the compiler: it must never throw, every
 * failure must carry a position inside the source, and no failure may be an internal error.
 * Rulesets that do compile are evaluated once, which must not throw either.
 */
import { describe, expect, it } from 'vitest';
import type { CompileResult } from './api.js';
import { compileRuleset } from './ruleset.js';
import { seededRandom } from '../testing/seededRandom.js';
import { auth, firestoreRequest, storageRequest } from './testing/testKit.js';

const SEEDS = [
  `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    function isSignedIn() { return request.auth != null; }
    function roleIn(listId) {
      let list = get(/databases/$(database)/documents/lists/$(listId));
      return list.data.members.get(request.auth.uid, 'none');
    }
    match /lists/{listId} {
      allow read: if isSignedIn() && request.auth.uid in resource.data.memberIds;
      allow create: if request.resource.data.ownerId == request.auth.uid
        && request.resource.data.keys().hasOnly(['title', 'ownerId', 'members'])
        && request.resource.data.title is string && request.resource.data.title.size() <= 200;
      allow update: if roleIn(listId) == 'owner'
        && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['title']);
      match /todos/{todoId} {
        allow read: if roleIn(listId) in ['owner', 'editor', 'viewer'];
        allow write: if roleIn(listId) in ['owner', 'editor'] && request.time < timestamp.date(2100, 1, 1);
      }
    }
    match /{path=**}/todos/{todoId} {
      allow list: if request.query.limit <= 50 && resource.data.done == false;
    }
  }
}`,
  `service firebase.storage {
  match /b/{bucket}/o {
    match /lists/{listId}/todos/{todoId}/{attachmentId}/original {
      allow read: if firestore.exists(/databases/(default)/documents/lists/$(listId));
      allow write: if request.resource.size < 10 * 1024 * 1024
        && request.resource.contentType.matches('image/.*')
        && request.auth.uid in firestore.get(/databases/(default)/documents/lists/$(listId)).data.memberIds;
    }
    match /{all=**} { allow read, write: if false; }
  }
}`,
  `rules_version = '2';
service cloud.firestore {
  match /databases/{db}/documents {
    match /m/{id} {
      allow get: if [1, 2.5, 'x', b'\\x00', null, true, {'a': [1]}][0] == 1 ? -x.y[1:2] % 3 != 0 : !(a is int);
      allow list: if math.abs(-1) == 1 && duration.value(1, 's') > duration.value(1, 'ms') && hashing.md5('a').size() == 16;
    }
  }
}`,
];

const TOKENS = [
  'service',
  'cloud.firestore',
  'firebase.storage',
  'match',
  'allow',
  'read',
  'write',
  'get',
  'list',
  'create',
  'update',
  'delete',
  'if',
  'function',
  'return',
  'let',
  'rules_version',
  '=',
  "'2'",
  "'1'",
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ':',
  ',',
  '.',
  '?',
  '!',
  '&&',
  '||',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  'in',
  'is',
  'true',
  'false',
  'null',
  '1',
  '2.5',
  "'s'",
  '"d"',
  "b'\\x01'",
  '/a/{b}',
  '/{c=**}',
  '$(',
  'x',
  'request',
  'resource',
  'request.auth.uid',
  'int',
  'string',
  '/databases/$(database)/documents',
  '\n',
  ' ',
  '//c\n',
  '/*',
  '*/',
  "'",
  '"',
  '\\',
  '{x=**}',
  '0x',
  '1e',
  '9223372036854775808',
  'é',
  '\u0000',
];

function randomTokens(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 60);
  let s = '';
  for (let i = 0; i < n; i++)
    s += TOKENS[Math.floor(rand() * TOKENS.length)] + (rand() < 0.7 ? ' ' : '');
  return s;
}

function randomChars(rand: () => number): string {
  const n = Math.floor(rand() * 80);
  let s = '';
  for (let i = 0; i < n; i++)
    s += String.fromCharCode(
      rand() < 0.9 ? 32 + Math.floor(rand() * 95) : Math.floor(rand() * 0x3000),
    );
  return s;
}

function mutate(rand: () => number, source: string): string {
  let s = source;
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (s.length + 1));
    const len = Math.floor(rand() * 12);
    switch (Math.floor(rand() * 5)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1:
        s = s.slice(0, at) + (TOKENS[Math.floor(rand() * TOKENS.length)] as string) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      case 3:
        s = s.slice(0, at);
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + s.slice(at + 1);
        break;
    }
  }
  return s;
}

/** Returns what is wrong with a compile result, or null. Plain checks: this runs thousands of times. */
function problem(source: string, result: CompileResult): string | null {
  const lines = source.split('\n').length;
  if (result.ruleset) {
    const decision =
      result.ruleset.service === 'cloud.firestore'
        ? result.ruleset.evaluateFirestore(firestoreRequest({ path: 'lists/l1', auth: auth('u1') }))
        : result.ruleset.evaluateStorage(
            storageRequest({ path: 'lists/l1/todos/t1/a1/original', auth: auth('u1') }),
          );
    if (typeof decision.allowed !== 'boolean') return 'decision without a verdict';
    if (/Internal/.test(decision.message)) return `internal evaluation error: ${decision.message}`;
    return null;
  }
  if (result.issues.length === 0) return 'failed without an issue';
  for (const issue of result.issues) {
    if (!(issue.line >= 1 && issue.line <= lines && issue.column >= 1))
      return `bad position ${issue.line}:${issue.column}`;
    if (issue.message.length === 0) return 'empty message';
    if (/Internal error/.test(issue.message)) return `internal compile error: ${issue.message}`;
  }
  return null;
}

describe('parser fuzzing', () => {
  it('the seed rulesets compile', () => {
    for (const seed of SEEDS)
      expect(compileRuleset(seed).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it(
    'never throws and always positions its errors (4,000 seeded inputs)',
    { timeout: 30_000 },
    () => {
      const { random: rand } = seededRandom(20261122);
      let compiled = 0;
      const failures: { source: string; problem: string }[] = [];
      for (let i = 0; i < 4000; i++) {
        const kind = i % 4;
        const source =
          kind === 0
            ? randomTokens(rand)
            : kind === 1
              ? randomChars(rand)
              : mutate(rand, SEEDS[i % SEEDS.length] as string);
        try {
          const result = compileRuleset(source);
          const p = problem(source, result);
          if (p) failures.push({ source, problem: p });
          if (result.ruleset) compiled++;
        } catch (e) {
          failures.push({ source, problem: `threw ${String(e)}` });
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      // Some mutations (comments, whitespace) keep the file valid: the evaluator gets exercised too.
      expect(compiled).toBeGreaterThan(50);
    },
  );
});
