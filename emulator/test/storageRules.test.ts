/**
 * storage.rules enforced through @firebase/rules-unit-testing: authenticated and anonymous
 * contexts, rules on size, content type and custom metadata, cross-service firestore.get() and
 * firestore.exists() against the real Firestore emulator, and rules loading through
 * /internal/setRules and from a watched file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertFails,
  assertSucceeds,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';
import { storageRules } from '../src/rules/testing/testKit.js';
import { useFirestoreAndStorage } from './firestoreAndStorage.js';

const projectId = 'demo-storage-rules';

const RULES = storageRules(`    function signedIn() { return request.auth != null; }
    function isMember(listId) {
      return signedIn() && request.auth.uid in firestore.get(/databases/(default)/documents/lists/$(listId)).data.members;
    }
    function isPhoto() {
      return request.resource.size < 1024
        && request.resource.contentType.matches('image/.*')
        && request.resource.metadata.kind == 'photo';
    }
    match /lists/{listId}/{file} {
      allow read: if isMember(listId);
      allow create: if isMember(listId) && isPhoto();
      allow update: if isMember(listId) && request.resource.metadata.kind == resource.metadata.kind;
      allow delete: if isMember(listId) && resource.metadata.owner == request.auth.uid;
    }
    match /covers/{listId} {
      allow write: if signedIn() && firestore.exists(/databases/(default)/documents/lists/$(listId));
    }
    match /users/{uid}/{rest=**} {
      allow read, write: if signedIn() && request.auth.uid == uid;
    }`);

const stack = useFirestoreAndStorage(projectId, { storage: RULES });
let emulator: StorageEmulator;
let env: RulesTestEnvironment;

beforeAll(async () => {
  ({ storage: emulator, env } = stack);
  // List l1 has alice and bob as members; the storage rules read it with firestore.get().
  await env.withSecurityRulesDisabled(async (context) => {
    await context
      .firestore()
      .doc('lists/l1')
      .set({ members: { alice: 'owner', bob: 'editor' } });
  });
});

beforeEach(async () => {
  // clearStorage only deletes the bucket's top level; the emulator's reset empties everything.
  await fetch(`http://${emulator.host}:${emulator.port}/internal/reset`, { method: 'POST' });
});

/** Compat upload tasks are thenables; the assertions want promises. */
const settled = <T>(task: PromiseLike<T>): Promise<T> => Promise.resolve(task);
const png = (size: number) => new Uint8Array(size).fill(1);
const photo = { contentType: 'image/png', customMetadata: { kind: 'photo', owner: 'alice' } };
const alice = () => env.authenticatedContext('alice').storage();
const carol = () => env.authenticatedContext('carol').storage();

describe('storage.rules through rules-unit-testing', () => {
  it('a member uploads a small photo', async () => {
    await assertSucceeds(settled(alice().ref('lists/l1/a.png').put(png(100), photo)));
    expect(stack.projectsAsked.has(projectId)).toBe(true);
  });

  it('a member cannot upload a photo of 1 KB or more, and nothing is stored', async () => {
    await assertFails(settled(alice().ref('lists/l1/big.png').put(png(1024), photo)));
    await env.withSecurityRulesDisabled(async (context) => {
      await expect(context.storage().ref('lists/l1/big.png').getMetadata()).rejects.toMatchObject({
        code: 'storage/object-not-found',
      });
    });
  });

  it('a member cannot upload something that is not an image', async () => {
    await assertFails(
      settled(
        alice()
          .ref('lists/l1/a.txt')
          .put(png(10), { ...photo, contentType: 'text/plain' }),
      ),
    );
  });

  it('a member cannot upload without the photo metadata', async () => {
    await assertFails(
      settled(alice().ref('lists/l1/a.png').put(png(10), { contentType: 'image/png' })),
    );
  });

  it('a resumable upload denied at finalize writes nothing', async () => {
    const task = alice()
      .ref('lists/l1/resumable.png')
      .put(png(600 * 1024), photo);
    await assertFails(settled(task));
    await env.withSecurityRulesDisabled(async (context) => {
      const listed = await context.storage().ref('lists/l1').listAll();
      expect(listed.items.map((item) => item.fullPath)).not.toContain('lists/l1/resumable.png');
    });
  });

  it('a non-member can neither read nor write', async () => {
    await env.withSecurityRulesDisabled((context) =>
      context
        .storage()
        .ref('lists/l1/a.png')
        .put(png(10), photo)
        .then(() => undefined),
    );
    await assertFails(carol().ref('lists/l1/a.png').getMetadata());
    await assertFails(carol().ref('lists/l1/a.png').getDownloadURL());
    await assertFails(settled(carol().ref('lists/l1/b.png').put(png(10), photo)));
    await assertFails(env.unauthenticatedContext().storage().ref('lists/l1/a.png').getMetadata());
  });

  it('a member reads metadata and bytes', async () => {
    await assertSucceeds(settled(alice().ref('lists/l1/a.png').put(png(10), photo)));
    const bob = env.authenticatedContext('bob').storage();
    const metadata = await assertSucceeds(bob.ref('lists/l1/a.png').getMetadata());
    expect(metadata.customMetadata).toEqual({ kind: 'photo', owner: 'alice' });
    const url = await assertSucceeds(bob.ref('lists/l1/a.png').getDownloadURL());
    expect((await fetch(url)).status).toBe(200);
  });

  it('metadata updates are judged against resource and request.resource', async () => {
    await assertSucceeds(settled(alice().ref('lists/l1/a.png').put(png(10), photo)));
    await assertSucceeds(
      alice()
        .ref('lists/l1/a.png')
        .updateMetadata({ customMetadata: { caption: 'hi' } }),
    );
    await assertFails(
      alice()
        .ref('lists/l1/a.png')
        .updateMetadata({ customMetadata: { kind: 'other' } }),
    );
  });

  it('only the owner named in the metadata deletes', async () => {
    await assertSucceeds(settled(alice().ref('lists/l1/a.png').put(png(10), photo)));
    await assertFails(env.authenticatedContext('bob').storage().ref('lists/l1/a.png').delete());
    await assertSucceeds(alice().ref('lists/l1/a.png').delete());
  });

  it('firestore.exists() sees which lists exist', async () => {
    await assertSucceeds(settled(alice().ref('covers/l1').putString('cover')));
    await assertFails(settled(alice().ref('covers/l2').putString('cover')));
  });

  it('listing is allowed in your own folder only', async () => {
    await assertSucceeds(settled(alice().ref('users/alice/x.txt').putString('x')));
    const own = await assertSucceeds(alice().ref('users/alice').listAll());
    expect(own.items.map((item) => item.fullPath)).toEqual(['users/alice/x.txt']);
    await assertFails(carol().ref('users/alice').listAll());
  });

  it('a denial is storage/unauthorized and its body carries the rules explanation', async () => {
    await assertSucceeds(settled(alice().ref('lists/l1/a.png').put(png(10), photo)));
    await expect(carol().ref('lists/l1/a.png').getMetadata()).rejects.toMatchObject({
      code: 'storage/unauthorized',
      status: 403,
    });
    // The Node SDK drops error bodies (browsers keep them as serverResponse), so read it raw.
    const claims = Buffer.from(JSON.stringify({ sub: 'carol', user_id: 'carol' })).toString(
      'base64url',
    );
    const response = await fetch(
      `http://${emulator.host}:${emulator.port}/v0/b/${projectId}/o/lists%2Fl1%2Fa.png`,
      {
        headers: { Authorization: `Firebase e30.${claims}.` },
      },
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.message).toMatch(/^Permission denied\. .*L\d+/s);
  });

  it('clearStorage empties the bucket', async () => {
    await env.withSecurityRulesDisabled((context) =>
      context
        .storage()
        .ref('top.txt')
        .putString('t')
        .then(() => undefined),
    );
    await env.clearStorage();
    await env.withSecurityRulesDisabled(async (context) => {
      expect((await context.storage().ref().listAll()).items).toEqual([]);
    });
  });
});

describe('loading rules', () => {
  it('rules that do not compile are refused with line and column, and the previous rules stay', async () => {
    const response = await fetch(`http://${emulator.host}:${emulator.port}/internal/setRules`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        rules: {
          files: [
            {
              name: 'storage.rules',
              content:
                "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o { allow read: if ; }\n}",
            },
          ],
        },
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /L3:\d+/,
    );
    await assertSucceeds(settled(alice().ref('lists/l1/still.png').put(png(10), photo)));
  });

  it('a watched rules file is reloaded on change; a broken edit keeps the previous rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storage-rules-'));
    const rulesFile = join(dir, 'storage.rules');
    const allowAll =
      "rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{all=**} { allow read, write: if true; } } }";
    const denyAll =
      "rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{all=**} { allow read, write: if false; } } }";
    await writeFile(rulesFile, allowAll);
    const lines: string[] = [];
    const watched = await startStorage({
      port: 0,
      projectId: 'demo-storage-rules-file',
      rulesFile,
      log: (line) => lines.push(line),
    });
    const url = `http://${watched.host}:${watched.port}/v0/b/demo-storage-rules-file.appspot.com/o?name=f.txt`;
    const put = () => fetch(url, { method: 'POST', body: 'x' }).then((response) => response.status);
    try {
      expect(await put()).toBe(200);
      await writeFile(rulesFile, denyAll);
      await expect.poll(put, { timeout: 5000, interval: 100 }).toBe(403);
      await writeFile(rulesFile, 'service firebase.storage {');
      await expect
        .poll(() => lines.some((line) => /storage\.rules:1:\d+: error/.test(line)), {
          timeout: 5000,
        })
        .toBe(true);
      expect(await put()).toBe(403);
    } finally {
      await watched.close();
    }
  });
});
