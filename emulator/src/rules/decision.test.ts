import { describe, expect, it } from 'vitest';
import {
  auth,
  compileOrThrow,
  document,
  firestoreRequest,
  firestoreRules,
  MemoryDocuments,
  storageRequest,
  storageRules,
} from './testing/testKit.js';

/** What a decision says beyond allowed/denied: which allows ran, what each gave, what was looked up. */
const rules = compileOrThrow(
  firestoreRules(
    [
      '    function member(listId) {',
      '      return get(/databases/$(database)/documents/lists/$(listId)).data.members[request.auth.uid] != null;',
      '    }',
      '    match /lists/{listId} {',
      '      allow read: if request.auth != null',
      '        && member(listId);',
      "      allow update: if request.auth.uid == 'admin';",
      '      allow update: if member(listId)',
      '        && exists(/databases/$(database)/documents/users/$(request.auth.uid));',
      '    }',
      '    match /open/{id} {',
      '      allow read;',
      '    }',
    ].join('\n'),
  ),
);
const lists = new MemoryDocuments({ 'lists/l1': { members: { alice: 'owner' } } });

describe('a decision’s account of itself', () => {
  it('names the allow that granted the request and each document its condition read', () => {
    const d = rules.evaluateFirestore(
      firestoreRequest({ path: 'lists/l1', auth: auth('alice'), access: lists }),
    );
    expect(d.allowed).toBe(true);
    expect(d.outcomes).toEqual([{ line: 8, text: 'true' }]);
    expect(d.calls).toEqual([
      { fn: 'get', path: '/databases/(default)/documents/lists/l1', found: true },
    ]);
  });

  it('gives every allow that refused a denied request, with its reason', () => {
    const d = rules.evaluateFirestore(
      firestoreRequest({
        method: 'update',
        path: 'lists/l1',
        auth: auth('alice'),
        access: lists,
        resource: document('lists/l1', {}),
        requestResource: document('lists/l1', { title: 'x' }),
      }),
    );
    expect(d.allowed).toBe(false);
    expect(d.outcomes).toEqual([
      { line: 10, text: 'false' },
      { line: 11, text: 'false' },
    ]);
    expect(d.calls).toEqual([
      { fn: 'get', path: '/databases/(default)/documents/lists/l1', found: true },
      { fn: 'exists', path: '/databases/(default)/documents/users/alice', found: false },
    ]);
  });

  it('points at the line inside a function where an error was raised', () => {
    const d = rules.evaluateFirestore(
      firestoreRequest({ path: 'lists/l1', auth: null, access: lists }),
    );
    expect(d.outcomes).toEqual([{ line: 8, text: 'false' }]);
    const viaFunction = rules.evaluateFirestore(
      firestoreRequest({ path: 'lists/l2', auth: auth('bob'), access: lists }),
    );
    expect(viaFunction.outcomes).toEqual([
      { line: 8, text: expect.stringMatching(/^Null value error/), errorLine: 5 },
    ]);
    expect(viaFunction.calls).toEqual([
      { fn: 'get', path: '/databases/(default)/documents/lists/l2', found: false },
    ]);
  });

  it('lists an unconditional allow as the one that granted', () => {
    const d = rules.evaluateFirestore(firestoreRequest({ path: 'open/x' }));
    expect(d).toMatchObject({ allowed: true, outcomes: [{ line: 15, text: 'true' }], calls: [] });
  });

  it('records Storage’s cross-service lookups', () => {
    const storage = compileOrThrow(
      storageRules(
        '    match /lists/{listId}/{file} {\n' +
          '      allow read: if firestore.exists(/databases/(default)/documents/lists/$(listId));\n' +
          '    }',
      ),
    );
    const d = storage.evaluateStorage(
      storageRequest({ path: 'lists/l1/photo', firestore: lists, auth: auth('alice') }),
    );
    expect(d).toMatchObject({
      allowed: true,
      outcomes: [{ line: 5, text: 'true' }],
      calls: [
        { fn: 'firestore.exists', path: '/databases/(default)/documents/lists/l1', found: true },
      ],
    });
  });
});
