import { describe, expect, it } from 'vitest';
import type { RulesMethod } from './api.js';
import { auth, compileOrThrow, firestoreRequest, firestoreRules } from './testing/testKit.js';

function allowed(rules: string, path: string, method: RulesMethod = 'get', extra = {}): boolean {
  return compileOrThrow(rules).evaluateFirestore(firestoreRequest({ path, method, ...extra }))
    .allowed;
}

/** Whether `rules` allow a get of each path: `expected` maps each path to the answer. */
function expectGets(rules: string, expected: Record<string, boolean>): void {
  for (const [path, answer] of Object.entries(expected))
    expect(allowed(rules, path), path).toBe(answer);
}

describe('recursive wildcards by version', () => {
  const rest = (v: '1' | '2'): string =>
    firestoreRules('    match /a/{rest=**} { allow read: if rest is path; }', v);

  it.each([
    ['1', 'a/b', true],
    ['1', 'a/b/c/d', true],
    ['2', 'a/b', true],
    ['2', 'a/b/c/d', true],
    ['1', 'x/b', false],
  ] as const)('v%s: /a/{rest=**} against %s → %s', (v, path, expected) => {
    expect(allowed(rest(v), path)).toBe(expected);
  });

  it('v1 matches one or more segments, v2 zero or more', () => {
    const v1 = firestoreRules('    match /{doc=**} { allow list: if true; }', '1');
    const v2 = firestoreRules('    match /{doc=**} { allow list: if true; }', '2');
    expect(allowed(v1, 'things', 'list')).toBe(true);
    expect(allowed(v2, 'things', 'list')).toBe(true);
    const v1Root = firestoreRules('    match /lists/{l}/{rest=**} { allow get: if true; }', '1');
    const v2Root = firestoreRules('    match /lists/{l}/{rest=**} { allow get: if true; }', '2');
    expect(allowed(v1Root, 'lists/l1')).toBe(false);
    expect(allowed(v2Root, 'lists/l1')).toBe(true);
    expect(allowed(v1Root, 'lists/l1/todos/t1')).toBe(true);
  });

  it('binds the matched segments as a path', () => {
    const rules = firestoreRules(
      "    match /a/{rest=**} { allow get: if rest == path('b/c/d') && rest[0] == 'b'; }",
      '1',
    );
    expectGets(rules, { 'a/b/c/d': true, 'a/b/c/e': false });
  });

  it('v2 allows a recursive wildcard in the middle', () => {
    const rules = firestoreRules(
      "    match /{path=**}/todos/{todoId} { allow get: if todoId == 't1'; }",
    );
    expectGets(rules, {
      'todos/t1': true,
      'lists/l1/todos/t1': true,
      'a/b/c/d/todos/t1': true,
      'lists/l1/todos/t2': false,
      'lists/l1/notes/t1': false,
    });
  });
});

describe('single-segment wildcards and nesting', () => {
  const rules = firestoreRules(`    match /users/{uid} {
      allow get: if request.auth.uid == uid;
      match /private/{docId} {
        allow get: if request.auth.uid == uid && docId == 'settings';
      }
    }
    match /db/{x} {
      allow get: if database == '(default)';
    }`);

  it.each([
    ['users/u1', 'u1', true],
    ['users/u1', 'u2', false],
    ['users/u1/private/settings', 'u1', true],
    ['users/u1/private/other', 'u1', false],
    ['users/u1/private/settings', 'u2', false],
    ['users/u1/public/settings', 'u1', false],
    ['db/any', 'u1', true],
  ])('%s as %s → %s', (path, uid, expected) => {
    expect(allowed(rules, path, 'get', { auth: auth(uid) })).toBe(expected);
  });

  it('a parent match does not cover its children, nor a child its parent', () => {
    const r = firestoreRules(
      '    match /lists/{l} {\n      match /todos/{t} { allow get: if true; }\n    }',
    );
    expectGets(r, { 'lists/l1': false, 'lists/l1/todos/t1': true, 'lists/l1/todos/t1/x/y': false });
  });

  it('literal segments must match exactly', () => {
    const r = firestoreRules('    match /config/public { allow get: if true; }');
    expectGets(r, { 'config/public': true, 'config/Public': false, 'config/private': false });
  });
});

describe('combining allows', () => {
  const rules = firestoreRules(`    match /things/{id} {
      allow get: if false;
      allow read: if id == 'open';
    }
    match /{document=**} {
      allow get: if request.auth.uid == 'admin';
    }`);

  it('several matching blocks and statements OR their allows', () => {
    expect(allowed(rules, 'things/open')).toBe(true);
    expect(allowed(rules, 'things/closed', 'get', { auth: auth('admin') })).toBe(true);
  });

  it('a denial lists every evaluated allow in order', () => {
    const d = compileOrThrow(rules).evaluateFirestore(
      firestoreRequest({ path: 'things/closed', auth: auth('u1') }),
    );
    expect(d.allowed).toBe(false);
    expect(d.message.split('\n')[0]).toBe(
      "false for 'get' @ L5, false for 'get' @ L6, false for 'get' @ L9",
    );
    expect(d.message).toContain("L6 | allow read: if id == 'open';");
  });

  it('an unauthenticated request reports the null error', () => {
    const d = compileOrThrow(rules).evaluateFirestore(firestoreRequest({ path: 'things/closed' }));
    expect(d.message.split('\n')[0]).toBe(
      "false for 'get' @ L5, false for 'get' @ L6, Null value error. for 'get' @ L9",
    );
  });

  it('reports the line where the condition starts', () => {
    const r = compileOrThrow(
      firestoreRules('    match /things/{id} {\n      allow get:\n        if false;\n    }'),
    );
    expect(r.evaluateFirestore(firestoreRequest()).message).toBe(
      "false for 'get' @ L6\n  L6 | if false;",
    );
  });

  it('with nothing matching, says so', () => {
    const d = compileOrThrow(
      firestoreRules('    match /a/{b} { allow read: if true; }'),
    ).evaluateFirestore(firestoreRequest({ path: 'x/y' }));
    expect(d).toEqual({
      allowed: false,
      message: 'No matching allow statements',
      outcomes: [],
      calls: [],
    });
  });

  it.each([
    ['read', 'get', true],
    ['read', 'list', true],
    ['read', 'create', false],
    ['write', 'create', true],
    ['write', 'update', true],
    ['write', 'delete', true],
    ['write', 'get', false],
    ['get', 'list', false],
    ['list', 'get', false],
    ['create', 'update', false],
    ['update', 'delete', false],
    ['delete', 'delete', true],
  ] as const)('allow %s covers %s: %s', (allow, method, expected) => {
    const r = firestoreRules(`    match /things/{id} { allow ${allow}: if true; }`);
    expect(allowed(r, method === 'list' ? 'things' : 'things/t1', method)).toBe(expected);
  });

  it('an allow without condition always allows', () => {
    expect(allowed(firestoreRules('    match /things/{id} { allow get; }'), 'things/t1')).toBe(
      true,
    );
  });
});

describe('collection group queries', () => {
  const list = {
    method: 'list' as const,
    collectionGroup: true,
    query: { disjuncts: [], orderBy: [] },
  };
  it('need a rules_version 2 recursive wildcard before the collection', () => {
    for (const [body, version, expected] of [
      ['    match /{path=**}/todos/{t} { allow list: if true; }', '2', true],
      ['    match /{path=**}/{coll}/{t} { allow list: if coll == "todos"; }', '2', true],
      ['    match /{document=**} { allow list: if true; }', '2', true],
      ['    match /lists/{l}/todos/{t} { allow list: if true; }', '2', false],
      ['    match /{path=**}/notes/{t} { allow list: if true; }', '2', false],
      ['    match /{document=**} { allow list: if true; }', '1', false],
    ] as const)
      expect(allowed(firestoreRules(body, version), 'todos', 'list', list), body).toBe(expected);
  });

  it('a collection query is matched with an unknown document id', () => {
    const r = firestoreRules("    match /lists/{l}/todos/{t} { allow list: if l == 'l1'; }");
    expect(allowed(r, 'lists/l1/todos', 'list')).toBe(true);
    expect(allowed(r, 'lists/l2/todos', 'list')).toBe(false);
    expect(
      allowed(
        firestoreRules("    match /lists/{l}/todos/{t} { allow list: if t == 'x'; }"),
        'lists/l1/todos',
        'list',
      ),
    ).toBe(false);
    expect(
      allowed(
        firestoreRules('    match /lists/{l}/todos/fixed { allow list: if true; }'),
        'lists/l1/todos',
        'list',
      ),
    ).toBe(false);
  });
});
