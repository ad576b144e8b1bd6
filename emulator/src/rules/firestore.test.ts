import { describe, expect, it } from 'vitest';
import type { AccessBudget } from './api.js';
import {
  auth,
  check,
  compileOrThrow,
  document,
  firestoreRequest,
  firestoreRules,
  MemoryDocuments,
  storageRules,
} from './testing/testKit.js';

function holds(expr: string, request = {}): void {
  const d = check(expr, request);
  expect(d.message, expr).toBe('');
}

describe('request', () => {
  const signedIn = {
    auth: auth('u1', {
      email: 'a@b.c',
      email_verified: true,
      level: 3,
      firebase: { sign_in_provider: 'password' },
    }),
  };
  it.each([
    "request.auth.uid == 'u1'",
    "request.auth.token.email == 'a@b.c'",
    'request.auth.token.email_verified == true',
    'request.auth.token.level == 3',
    'request.auth.token.level is int',
    "request.auth.token.firebase.sign_in_provider == 'password'",
    "request.method == 'get'",
    'request.path == /databases/(default)/documents/things/t1',
    'request.path is path',
    "request.path[4] == 't1'",
    'request.time == timestamp.value(1700000000000)',
    'request.resource == null',
  ])('%s', (expr) => holds(expr, signedIn));

  it('request.auth is null when unauthenticated, and reading from it is a null error', () => {
    holds('request.auth == null');
    expect(check("request.auth.uid == 'u1'").message).toMatch(/^Null value error\. for 'get' @ L6/);
  });

  it('a missing token claim is an undefined property', () => {
    expect(check('request.auth.token.admin == true', signedIn).message).toMatch(
      /^Property admin is undefined on object\. for 'get'/,
    );
  });

  it('request.method names the operation', () => {
    for (const method of ['create', 'update', 'delete'] as const) {
      holds(`request.method == '${method}'`, {
        method,
        requestResource: method === 'delete' ? null : document('things/t1', {}),
      });
    }
  });

  it('request.resource is the document after a write', () => {
    const requestResource = document('things/t1', { title: 'x', n: 2, tags: ['a'] });
    holds(
      "request.resource.data.title == 'x' && request.resource.data.n == 2 && request.resource.id == 't1'",
      { method: 'create', requestResource },
    );
    holds("request.resource.data.keys().hasOnly(['title', 'n', 'tags'])", {
      method: 'create',
      requestResource,
    });
    holds('request.resource.__name__ == /databases/(default)/documents/things/t1', {
      method: 'create',
      requestResource,
    });
  });
});

describe('resource', () => {
  const stored = document('things/t1', {
    ownerId: 'u1',
    count: 3,
    ratio: 0.5,
    whole: 2.0,
    when: new Date(1_700_000_000_000),
    blob: new Uint8Array([1, 2]),
    nothing: null,
    nested: { a: { b: 'deep' } },
    list: [1, 'two', { three: 3 }],
  });
  // JS cannot tell 2.0 from 2, so the double is written in wire form.
  stored.fields.whole = { doubleValue: 2 };
  stored.fields.ref = {
    referenceValue: 'projects/demo-hearth/databases/(default)/documents/users/u1',
  };
  stored.fields.where = { geoPointValue: { latitude: 1.5, longitude: 2.5 } };

  it.each([
    "resource.data.ownerId == 'u1'",
    "resource.id == 't1'",
    'resource.__name__ == /databases/(default)/documents/things/t1',
    'resource.data.count is int && resource.data.count == 3',
    'resource.data.ratio is float',
    'resource.data.whole is float && resource.data.whole == 2',
    'resource.data.when is timestamp && resource.data.when == request.time',
    "resource.data.blob is bytes && resource.data.blob == b'\\x01\\x02'",
    'resource.data.nothing == null',
    "resource.data.nested.a.b == 'deep'",
    'resource.data.list[2].three == 3',
    'resource.data.ref == /databases/(default)/documents/users/u1',
    'resource.data.where == latlng.value(1.5, 2.5)',
    'resource.data.keys().size() == 11',
    "'ownerId' in resource.data && !('missing' in resource.data)",
    "resource.data.get('missing', 'default') == 'default'",
  ])('%s', (expr) => holds(expr, { resource: stored }));

  it('reading an undefined field is an error naming it', () => {
    expect(check('resource.data.missing == 1', { resource: stored }).message).toMatch(
      /^Property missing is undefined on object\. for 'get' @ L6/,
    );
  });

  it('resource is null for a document that does not exist', () => {
    holds('resource == null');
    expect(check('resource.data.x == 1').message).toMatch(/^Null value error\./);
  });

  it('rejects an odd-length document path', () => {
    const d = check('true', { path: 'things' });
    expect(d).toEqual({
      allowed: false,
      message: "Invalid document path 'things'.",
      outcomes: [],
      calls: [],
    });
  });

  it('a storage ruleset does not judge Firestore requests', () => {
    const rules = compileOrThrow(storageRules('    match /{all=**} { allow read; }'));
    expect(rules.evaluateFirestore(firestoreRequest()).allowed).toBe(false);
  });
});

describe('get, exists, getAfter, existsAfter', () => {
  const docs = (): MemoryDocuments =>
    new MemoryDocuments(
      { 'lists/l1': { members: { u1: 'owner', u2: 'viewer' } }, 'users/u1': { name: 'Ann' } },
      { 'lists/l2': { members: { u1: 'owner' } }, 'users/u1': null },
    );

  it.each([
    "get(/databases/$(database)/documents/lists/l1).data.members['u1'] == 'owner'",
    "get(/databases/(default)/documents/lists/l1).data.members.u2 == 'viewer'",
    "get(/databases/$(database)/documents/lists/l1).id == 'l1'",
    'get(/databases/$(database)/documents/lists/nope) == null',
    'exists(/databases/$(database)/documents/users/u1)',
    '!exists(/databases/$(database)/documents/users/u2)',
  ])('%s', (expr) => holds(expr, { access: docs() }));

  it('reading data of a missing document is a null error', () => {
    expect(
      check('get(/databases/$(database)/documents/lists/nope).data.x == 1', { access: docs() })
        .message,
    ).toMatch(/^Null value error\./);
  });

  it('getAfter and existsAfter see the document as the write would leave it', () => {
    const write = {
      method: 'update' as const,
      access: docs(),
      requestResource: document('things/t1', {}),
    };
    holds("getAfter(/databases/$(database)/documents/lists/l2).data.members.u1 == 'owner'", write);
    holds('!existsAfter(/databases/$(database)/documents/users/u1)', write);
    holds('existsAfter(/databases/$(database)/documents/lists/l1)', write);
    holds('exists(/databases/$(database)/documents/users/u1)', write);
  });

  it('getAfter is an error in a read', () => {
    expect(
      check('getAfter(/databases/$(database)/documents/lists/l1) != null', { access: docs() })
        .message,
    ).toMatch(/only available in rules for write requests/);
  });

  it.each([
    [
      "get('/databases/(default)/documents/lists/l1') != null",
      'Invalid argument provided to call. Function: [get]',
    ],
    ['get(/databases/$(database)/documents/lists) != null', 'is not a document path'],
    ['exists(/lists/l1)', 'is not a document path'],
    ['exists(/databases/other/documents/lists/l1)', "cannot access database 'other'"],
  ])('%s is an error', (expr, message) => {
    expect(check(expr, { access: docs() }).message).toContain(message);
  });

  it('allows 10 distinct document lookups per request; repeats count once', () => {
    const ten = Array.from(
      { length: 10 },
      (_, i) => `!exists(/databases/$(database)/documents/x/d${i})`,
    ).join(' && ');
    holds(`${ten} && !exists(/databases/$(database)/documents/x/d0)`, { access: docs() });
    const eleven = Array.from(
      { length: 11 },
      (_, i) => `!exists(/databases/$(database)/documents/x/d${i})`,
    ).join(' && ');
    expect(check(eleven, { access: docs() }).message).toMatch(
      /^Exceeded the maximum of 10 document access calls/,
    );
  });

  it('shares 20 lookups across a batch through the budget', () => {
    const budget: AccessBudget = { batchSize: 3, used: 0 };
    const lookups = (from: number) =>
      Array.from(
        { length: 8 },
        (_, i) => `!exists(/databases/$(database)/documents/x/d${from + i})`,
      ).join(' && ');
    const write = (from: number) =>
      check(lookups(from), { method: 'delete', access: docs(), budget });
    expect(write(0).allowed).toBe(true);
    expect(write(8).allowed).toBe(true);
    expect(budget.used).toBe(16);
    expect(write(16).message).toMatch(
      /^Exceeded the maximum of 20 document access calls for this batch/,
    );
  });

  it('a budget that remembers documents counts each once across the batch', () => {
    const budget: AccessBudget = { batchSize: 2, used: 0, seen: new Set() };
    const same = 'exists(/databases/$(database)/documents/lists/l1)';
    expect(check(same, { method: 'delete', access: docs(), budget }).allowed).toBe(true);
    expect(check(same, { method: 'delete', access: docs(), budget }).allowed).toBe(true);
    expect(budget.used).toBe(1);
  });
});

describe('functions', () => {
  const fns = `    function isOwner(list) { return list.data.members[request.auth.uid] == 'owner'; }
    function listOf(id) { return get(/databases/$(database)/documents/lists/$(id)); }
    function twice(x) { let y = x * 2; return y; }
    function lazy() { let never = 1 / 0; return true; }
    function usesLet() { let a = 1; let b = a + 1; return b == 2; }`;
  const access = new MemoryDocuments({ 'lists/l1': { members: { u1: 'owner' } } });

  it.each(["isOwner(listOf('l1'))", 'twice(21) == 42', 'twice(1.5) == 3.0', 'lazy()', 'usesLet()'])(
    '%s',
    (expr) => {
      expect(check(expr, { access, auth: auth('u1') }, fns).message).toBe('');
    },
  );

  it('functions see the wildcards of the match they are declared in', () => {
    const rules = compileOrThrow(
      firestoreRules(`    match /lists/{listId} {
      function isList(id) { return listId == id; }
      allow get: if isList('l1');
      match /todos/{todoId} {
        allow get: if isList('l1') && todoId == 't1';
      }
    }`),
    );
    expect(rules.evaluateFirestore(firestoreRequest({ path: 'lists/l1' })).allowed).toBe(true);
    expect(rules.evaluateFirestore(firestoreRequest({ path: 'lists/l2' })).allowed).toBe(false);
    expect(rules.evaluateFirestore(firestoreRequest({ path: 'lists/l1/todos/t1' })).allowed).toBe(
      true,
    );
  });

  it('a function declared in one match is not visible in a sibling', () => {
    expect(() =>
      compileOrThrow(
        firestoreRules(`    match /a/{x} { function f() { return true; } }
    match /b/{y} { allow get: if f(); }`),
      ),
    ).toThrow(/5:34 Function not found error: Name: \[f\]/);
  });

  it('an error inside a function is quoted with its own line', () => {
    const d = check("isOwner(listOf('nope'))", { access, auth: auth('u1') }, fns);
    expect(d.message).toMatch(/^Null value error\. for 'get' @ L10/);
    expect(d.message).toContain(
      "L4  | function isOwner(list) { return list.data.members[request.auth.uid] == 'owner'; }",
    );
  });

  it('limits the call depth to 20', () => {
    const chain = (n: number): string =>
      Array.from(
        { length: n },
        (_, i) => `    function f${i}() { return ${i + 1 < n ? `f${i + 1}()` : 'true'}; }`,
      ).join('\n');
    expect(check('f0()', {}, chain(20)).allowed).toBe(true);
    expect(check('f0()', {}, chain(21)).message).toMatch(/^Exceeded the maximum call depth of 20/);
  });

  it('limits a request to 1,000 evaluated expressions', () => {
    const many = `[${Array.from({ length: 600 }, () => '1 + 1 + 1').join(', ')}].size() == 600`;
    expect(check(many).message).toMatch(
      /^Exceeded the maximum of 1000 expressions evaluated per request/,
    );
    const fewer = `[${Array.from({ length: 300 }, () => '1 + 1').join(', ')}].size() == 300`;
    expect(check(fewer).allowed).toBe(true);
  });

  it('a parameter shadows request and namespaces', () => {
    expect(check("f('x')", {}, "    function f(request) { return request == 'x'; }").allowed).toBe(
      true,
    );
  });
});
