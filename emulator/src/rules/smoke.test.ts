import { describe, expect, it } from 'vitest';
import { check, compileOrThrow, firestoreRequest, firestoreRules, auth, document } from './test-kit.js';

describe('smoke', () => {
  it('allows a true condition and denies a false one', () => {
    expect(check('true').allowed).toBe(true);
    const d = check('false');
    expect(d.allowed).toBe(false);
    expect(d.message).toMatch(/^false for 'get' @ L6/);
  });
  it('evaluates ownership', () => {
    const rules = compileOrThrow(firestoreRules(`    match /lists/{listId} {
      allow read: if request.auth != null && resource.data.ownerId == request.auth.uid;
    }`));
    expect(rules.evaluateFirestore(firestoreRequest({ path: 'lists/l1', auth: auth('u1'), resource: document('lists/l1', { ownerId: 'u1' }) })).allowed).toBe(true);
    expect(rules.evaluateFirestore(firestoreRequest({ path: 'lists/l1', auth: auth('u2'), resource: document('lists/l1', { ownerId: 'u1' }) })).allowed).toBe(false);
    const list = rules.evaluateFirestore(firestoreRequest({ method: 'list', path: 'lists', auth: auth('u1'), query: { disjuncts: [], orderBy: [] } }));
    expect(list).toEqual({ allowed: false, message: expect.stringContaining("Property ownerId is undefined on object. for 'list' @ L5") });
    const list2 = rules.evaluateFirestore(firestoreRequest({ method: 'list', path: 'lists', auth: auth('u1'), query: { disjuncts: [[{ field: ['ownerId'], op: 'EQUAL', value: { stringValue: 'u1' } }]], orderBy: [] } }));
    expect(list2.allowed).toBe(true);
  });
});
