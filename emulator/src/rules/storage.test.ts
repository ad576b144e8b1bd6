import { describe, expect, it } from 'vitest';
import type { Value } from '../model/value.js';
import type { StorageRulesRequest } from './api.js';
import {
  auth,
  compileOrThrow,
  firestoreRequest,
  firestoreRules,
  MemoryDocuments,
  storageRequest,
  storageRules,
} from './testing/testKit.js';

const MB = 1024 * 1024;

function object(
  name: string,
  size: number,
  contentType: string,
  metadata: Record<string, string> = {},
): Record<string, Value> {
  const fields: Record<string, string> = metadata;
  return {
    name: { stringValue: name },
    bucket: { stringValue: 'demo-hearth.appspot.com' },
    size: { integerValue: BigInt(size) },
    contentType: { stringValue: contentType },
    md5Hash: { stringValue: '1B2M2Y8AsgTpgAmY7PhCfg==' },
    generation: { stringValue: '1' },
    timeCreated: { timestampValue: { seconds: 1_700_000_000, nanos: 0 } },
    metadata: {
      mapValue: {
        fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { stringValue: v }])),
      },
    },
  };
}

const HEARTH_LIKE = storageRules(`    function list(listId) {
      return firestore.get(/databases/(default)/documents/lists/$(listId)).data;
    }
    match /lists/{listId}/todos/{todoId}/{attachmentId}/original {
      allow read: if request.auth != null && request.auth.uid in list(listId).memberIds;
      allow create: if request.auth != null
        && list(listId).members[request.auth.uid] in ['owner', 'editor']
        && request.resource.size < 10 * 1024 * 1024
        && request.resource.contentType.matches('image/.*')
        && request.resource.metadata.uploadedBy == request.auth.uid;
      allow delete: if list(listId).members[request.auth.uid] == 'owner';
    }
    match /lists/{listId}/todos/{todoId}/{attachmentId}/thumb.webp {
      allow read: if firestore.exists(/databases/(default)/documents/lists/$(listId));
      allow write: if false;
    }`);

const firestore = new MemoryDocuments({
  'lists/l1': {
    members: { u1: 'owner', u2: 'editor', u3: 'viewer' },
    memberIds: ['u1', 'u2', 'u3'],
  },
});

function decide(overrides: Partial<StorageRulesRequest>) {
  return compileOrThrow(HEARTH_LIKE).evaluateStorage(storageRequest({ firestore, ...overrides }));
}

const ORIGINAL = 'lists/l1/todos/t1/a1/original';

describe('storage requests', () => {
  it('reads membership from Firestore with firestore.get', () => {
    expect(decide({ path: ORIGINAL, auth: auth('u3') }).allowed).toBe(true);
    expect(decide({ path: ORIGINAL, auth: auth('u9') }).message).toMatch(/^false for 'get' @ L8/);
    expect(decide({ path: ORIGINAL }).allowed).toBe(false);
  });

  it('checks request.resource size, content type and custom metadata on upload', () => {
    const upload = (uid: string, size: number, type: string, by = uid) =>
      decide({
        method: 'create',
        path: ORIGINAL,
        auth: auth(uid),
        requestResource: object(ORIGINAL, size, type, { uploadedBy: by }),
      });
    expect(upload('u2', 2 * MB, 'image/png').allowed).toBe(true);
    expect(upload('u2', 11 * MB, 'image/png').allowed).toBe(false);
    expect(upload('u2', 2 * MB, 'application/pdf').allowed).toBe(false);
    expect(upload('u3', 2 * MB, 'image/png').allowed).toBe(false);
    expect(upload('u2', 2 * MB, 'image/png', 'u1').allowed).toBe(false);
  });

  it('reports a missing metadata key as undefined', () => {
    const d = decide({
      method: 'create',
      path: ORIGINAL,
      auth: auth('u2'),
      requestResource: object(ORIGINAL, 1, 'image/png'),
    });
    expect(d.message).toMatch(/^Property uploadedBy is undefined on object\. for 'create' @ L9/);
  });

  it('exposes resource for reads and deletes', () => {
    const rules = compileOrThrow(
      storageRules(`    match /files/{name} {
      allow get: if resource.size == 5 && resource.name == 'files/' + name && resource.contentType == 'text/plain'
        && resource.bucket == bucket && resource.md5Hash is string && resource.timeCreated < request.time
        && resource.metadata.size() == 0;
      allow delete: if resource == null;
    }`),
    );
    const stored = object('files/a.txt', 5, 'text/plain');
    expect(
      rules.evaluateStorage(
        storageRequest({
          path: 'files/a.txt',
          resource: stored,
          time: { seconds: 1_800_000_000, nanos: 0 },
        }),
      ).allowed,
    ).toBe(true);
    expect(
      rules.evaluateStorage(storageRequest({ method: 'delete', path: 'files/a.txt' })).allowed,
    ).toBe(true);
    expect(
      rules.evaluateStorage(
        storageRequest({ method: 'delete', path: 'files/a.txt', resource: stored }),
      ).allowed,
    ).toBe(false);
  });

  it('checks existence with firestore.exists', () => {
    const thumb = 'lists/l1/todos/t1/a1/thumb.webp';
    expect(decide({ path: thumb }).allowed).toBe(true);
    expect(decide({ path: 'lists/l2/todos/t1/a1/thumb.webp' }).allowed).toBe(false);
    expect(
      decide({ method: 'create', path: thumb, requestResource: object(thumb, 1, 'image/webp') })
        .message,
    ).toMatch(/^false for 'create'/);
  });

  it('limits cross-service calls to 2 distinct documents', () => {
    const rules = compileOrThrow(
      storageRules(`    match /{all=**} {
      allow read: if !firestore.exists(/databases/(default)/documents/a/$(request.auth.uid))
        && !firestore.exists(/databases/(default)/documents/b/x) && !firestore.exists(/databases/(default)/documents/a/$(request.auth.uid))
        && (request.auth.uid != 'many' || !firestore.exists(/databases/(default)/documents/c/x));
    }`),
    );
    expect(rules.evaluateStorage(storageRequest({ auth: auth('u1') })).allowed).toBe(true);
    expect(rules.evaluateStorage(storageRequest({ auth: auth('many') })).message).toMatch(
      /Exceeded the maximum of 2 document access calls/,
    );
  });

  it('firestore.get only reaches the default database', () => {
    const rules = compileOrThrow(
      storageRules(
        '    match /{all=**} { allow read: if firestore.get(/databases/other/documents/a/b) == null; }',
      ),
    );
    expect(rules.evaluateStorage(storageRequest()).message).toMatch(
      /cannot access database 'other'/,
    );
  });

  it('get() and exists() without the firestore namespace do not exist in storage rules', () => {
    expect(() =>
      compileOrThrow(
        storageRules(
          '    match /{all=**} { allow read: if exists(/databases/(default)/documents/a/b); }',
        ),
      ),
    ).toThrow(/Function not found error: Name: \[exists\]/);
    const fs = compileOrThrow(
      firestoreRules(
        '    match /{all=**} { allow read: if firestore.exists(/databases/(default)/documents/a/b); }',
      ),
    );
    expect(fs.evaluateFirestore(firestoreRequest()).message).toMatch(
      /^Variable not found error: \[firestore\]/,
    );
  });

  it('binds the bucket wildcard and matches recursive paths by version', () => {
    const v1 = compileOrThrow(
      storageRules(
        "    match /{all=**} { allow read: if bucket == 'demo-hearth.appspot.com' && all is path; }",
        '1',
      ),
    );
    const v2 = compileOrThrow(storageRules('    match /files/{rest=**} { allow read; }'));
    const v1files = compileOrThrow(storageRules('    match /files/{rest=**} { allow read; }', '1'));
    expect(v1.evaluateStorage(storageRequest({ path: 'a/b/c' })).allowed).toBe(true);
    expect(v1.evaluateStorage(storageRequest({ bucket: 'other', path: 'a' })).allowed).toBe(false);
    expect(v2.evaluateStorage(storageRequest({ path: 'files' })).allowed).toBe(true);
    expect(v1files.evaluateStorage(storageRequest({ path: 'files' })).allowed).toBe(false);
    expect(v1files.evaluateStorage(storageRequest({ path: 'files/x/y' })).allowed).toBe(true);
  });

  /** A user's files, readable (so listable) by the user, and a shared tree any user may list. */
  const userAndSharedFiles = `    match /users/{uid}/{file} {
      allow read: if request.auth.uid == uid;
    }
    match /shared/{rest=**} {
      allow list: if request.auth != null;
    }`;

  it('judges a list with a delimiter by the rules of the prefix’s direct children', () => {
    const rules = compileOrThrow(
      storageRules(`${userAndSharedFiles}
    match /{file} {
      allow list: if file == 'inbox';
    }
    match /folder {
      allow list;
    }`),
    );
    const list = (path: string, uid: string) =>
      rules.evaluateStorage(
        storageRequest({ method: 'list', path, delimiter: '/', auth: auth(uid) }),
      );
    expect(list('users/u1', 'u1').allowed).toBe(true);
    expect(list('users/u1/', 'u1').allowed).toBe(true);
    expect(list('users/u1', 'u2').allowed).toBe(false);
    expect(list('users/u1/photos', 'u1').message).toBe('No matching allow statements');
    expect(list('shared', 'u1').allowed).toBe(true);
    expect(list('shared/a/b', 'u1').allowed).toBe(true);
    // A condition on the child's name cannot be known for a whole listing.
    expect(list('', 'u1').allowed).toBe(false);
    expect(list('folder', 'u1').message).toBe('No matching allow statements');
  });

  it('judges a list without a delimiter by the rules covering every depth below the prefix', () => {
    const rules = compileOrThrow(storageRules(userAndSharedFiles));
    const list = (path: string) =>
      rules.evaluateStorage(storageRequest({ method: 'list', path, auth: auth('u1') }));
    expect(list('shared').allowed).toBe(true);
    expect(list('shared/a').allowed).toBe(true);
    expect(list('').allowed).toBe(false);
    expect(list('users/u1').message).toBe('No matching allow statements');
  });

  it("denies every list under rules_version '1'", () => {
    const rules = compileOrThrow(storageRules('    match /{all=**} { allow read; }', '1'));
    expect(rules.evaluateStorage(storageRequest({ method: 'list', path: 'a' }))).toEqual({
      allowed: false,
      message: "Permission denied. List operations are only allowed for rules_version='2'.",
      outcomes: [],
      calls: [],
    });
    expect(rules.evaluateStorage(storageRequest({ method: 'get', path: 'a' })).allowed).toBe(true);
  });

  it('exposes request.path, request.time and request.method', () => {
    const rules = compileOrThrow(
      storageRules(
        "    match /{all=**} { allow write: if request.path == /b/$(bucket)/o/a/b && request.time is timestamp && request.method == 'update'; }",
      ),
    );
    expect(
      rules.evaluateStorage(
        storageRequest({ method: 'update', path: 'a/b', requestResource: object('a/b', 1, 'x/y') }),
      ).allowed,
    ).toBe(true);
  });

  it('a Firestore ruleset does not judge Storage requests', () => {
    expect(
      compileOrThrow(firestoreRules('    match /{d=**} { allow read; }')).evaluateStorage(
        storageRequest(),
      ).allowed,
    ).toBe(false);
  });
});
