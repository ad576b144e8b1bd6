// storage.rules through @firebase/rules-unit-testing against the running Storage and Firestore
// emulators: every actor × object × operation, then size, content type and the Firestore
// cross-checks (firestore.get on the list and on the attachment document). One allow or deny each.
import { readFileSync } from 'node:fs';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { doc, setDoc } from 'firebase/firestore';
import {
  deleteObject,
  getMetadata,
  listAll,
  ref,
  uploadBytes,
  type FirebaseStorage,
  type StorageReference,
} from 'firebase/storage';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { storagePaths } from '../../functions/src/model/index.js';
import { firestoreEmulator, storageEmulator } from '../support/env.js';
import { newAttachmentData, newListData, newTodoData } from '../support/newDocuments.js';
import {
  ACTORS,
  EDITOR,
  EVERYONE,
  MEMBERS,
  OWNER,
  STRANGER,
  VIEWER,
  WRITERS,
  type Actor,
} from '../support/actors.js';

const LIST = 'shared';
const TODO = 'todo';
const now = new Date('2026-01-01T00:00:00Z');
const JPEG = { contentType: 'image/jpeg' };
const bytes = (size: number) => new Uint8Array(size);
const MAX_BYTES = 10 * 1024 * 1024;

/** Attachment ids: each names the state its document is in. */
const UPLOADS = {
  pending: (uid: string) => `pending-${uid}`,
  missing: 'missing',
  ready: 'ready',
  otherUploader: 'someone-elses',
  png: 'declared-png',
};
const original = (attachmentId: string) => storagePaths.original(LIST, TODO, attachmentId);
const STORED = original('stored');
const THUMB = storagePaths.thumb(LIST, TODO, 'stored');

let env: RulesTestEnvironment;

const storageOf = (actor: Actor): FirebaseStorage => {
  const uid = ACTORS[actor];
  return (uid ? env.authenticatedContext(uid) : env.unauthenticatedContext()).storage();
};

beforeAll(async () => {
  env = await initializeTestEnvironment({
    projectId: 'demo-hearth-storage-rules',
    firestore: { ...firestoreEmulator, rules: readFileSync('firestore.rules', 'utf8') },
    storage: { ...storageEmulator, rules: readFileSync('storage.rules', 'utf8') },
  });
});

afterAll(() => env?.cleanup());

/** rules-unit-testing's clearStorage removes only top-level objects; ours are nested. */
async function deleteAll(folder: StorageReference): Promise<void> {
  const { items, prefixes } = await listAll(folder);
  await Promise.all([...items.map((item) => deleteObject(item)), ...prefixes.map(deleteAll)]);
}

beforeEach(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (context) => {
    await deleteAll(ref(context.storage()));
    const db = context.firestore();
    await setDoc(
      doc(db, 'lists', LIST),
      newListData(OWNER, now, {
        members: { [OWNER]: 'owner', [EDITOR]: 'editor', [VIEWER]: 'viewer' },
        memberIds: [OWNER, EDITOR, VIEWER],
      }),
    );
    await setDoc(doc(db, 'lists', LIST, 'todos', TODO), newTodoData(OWNER, now));
    const attachment = (id: string, overrides: Record<string, unknown> = {}) =>
      setDoc(
        doc(db, 'lists', LIST, 'todos', TODO, 'attachments', id),
        newAttachmentData(OWNER, now, overrides),
      );
    for (const uid of [OWNER, EDITOR, VIEWER, STRANGER]) {
      await attachment(UPLOADS.pending(uid), { createdBy: uid });
    }
    await attachment(UPLOADS.ready, { status: 'ready' });
    await attachment(UPLOADS.otherUploader, { createdBy: VIEWER });
    await attachment(UPLOADS.png, { contentType: 'image/png' });
    const storage = context.storage();
    await uploadBytes(ref(storage, STORED), bytes(100), JPEG);
    await uploadBytes(ref(storage, THUMB), bytes(50), { contentType: 'image/webp' });
  });
});

const expectation = (allowed: boolean) => (allowed ? assertSucceeds : assertFails);
const uidOf = (actor: Actor) => ACTORS[actor] ?? 'nobody';

describe('originals', () => {
  it.each(EVERYONE)('%s: reading an original is allowed to members only', async (actor) => {
    await expectation(MEMBERS.includes(actor))(getMetadata(ref(storageOf(actor), STORED)));
  });

  it.each(EVERYONE)(
    '%s: uploading a declared photo is allowed to editors and owners only',
    async (actor) => {
      const path = original(UPLOADS.pending(uidOf(actor)));
      await expectation(WRITERS.includes(actor))(
        uploadBytes(ref(storageOf(actor), path), bytes(1000), JPEG),
      );
    },
  );

  it.each(EVERYONE)(
    '%s: deleting an original is allowed to editors and owners only',
    async (actor) => {
      await expectation(WRITERS.includes(actor))(deleteObject(ref(storageOf(actor), STORED)));
    },
  );

  it.each(EVERYONE)('%s: overwriting a stored original is denied', async (actor) => {
    await assertFails(uploadBytes(ref(storageOf(actor), STORED), bytes(1000), JPEG));
  });
});

describe('thumbnails', () => {
  it.each(EVERYONE)('%s: reading a thumbnail is allowed to members only', async (actor) => {
    await expectation(MEMBERS.includes(actor))(getMetadata(ref(storageOf(actor), THUMB)));
  });

  it.each(EVERYONE)('%s: writing a thumbnail is denied (functions write them)', async (actor) => {
    await assertFails(
      uploadBytes(ref(storageOf(actor), THUMB), bytes(10), { contentType: 'image/webp' }),
    );
  });

  it.each(EVERYONE)('%s: deleting a thumbnail is denied', async (actor) => {
    await assertFails(deleteObject(ref(storageOf(actor), THUMB)));
  });
});

describe('what an editor may upload', () => {
  const upload = (attachmentId: string, size: number, metadata: { contentType: string }) =>
    uploadBytes(ref(storageOf('an editor'), original(attachmentId)), bytes(size), metadata);

  it('a photo of exactly 10 MB is allowed', async () => {
    await assertSucceeds(upload(UPLOADS.pending(EDITOR), MAX_BYTES, JPEG));
  });

  it('a photo one byte over 10 MB is denied', async () => {
    await assertFails(upload(UPLOADS.pending(EDITOR), MAX_BYTES + 1, JPEG));
  });

  it('an empty file is denied', async () => {
    await assertFails(upload(UPLOADS.pending(EDITOR), 0, JPEG));
  });

  it.each(['application/pdf', 'text/plain', 'image/svg+xml', 'image/tiff'])(
    'a file declared as %s is denied',
    async (contentType) => {
      await assertFails(upload(UPLOADS.pending(EDITOR), 1000, { contentType }));
    },
  );

  it('an upload with no attachment document is denied', async () => {
    await assertFails(upload(UPLOADS.missing, 1000, JPEG));
  });

  it('an upload for an attachment that is no longer processing is denied', async () => {
    await assertFails(upload(UPLOADS.ready, 1000, JPEG));
  });

  it("an upload for someone else's attachment is denied", async () => {
    await assertFails(upload(UPLOADS.otherUploader, 1000, JPEG));
  });

  it('an upload whose type differs from the declared one is denied', async () => {
    await assertFails(upload(UPLOADS.png, 1000, JPEG));
  });

  it('an upload of the declared type is allowed', async () => {
    await assertSucceeds(
      uploadBytes(ref(storageOf('the owner'), original(UPLOADS.png)), bytes(1000), {
        contentType: 'image/png',
      }),
    );
  });

  it('an upload outside the attachments layout is denied', async () => {
    await assertFails(
      uploadBytes(ref(storageOf('an editor'), `lists/${LIST}/stray.jpg`), bytes(10), JPEG),
    );
  });
});
