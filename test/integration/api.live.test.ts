// What the REST API writes, the web app sees live: a signed-in firebase JS SDK (as the browser
// runs it, on the Firestore emulator, under firestore.rules) listening with onSnapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectFirestoreEmulator,
  getFirestore,
  onSnapshot,
  collection,
  type QuerySnapshot,
} from 'firebase/firestore';
import { signIn, type Client } from '../support/clients.js';
import { firestoreEmulator } from '../support/env.js';
import { callApi, seedSharedList, type SharedList } from '../support/apiClient.js';

let shared: SharedList;
let viewer: Client;
let snapshots: QuerySnapshot[] = [];
let stop: () => void = () => undefined;
let listenError: unknown;

/** Waits for a snapshot that satisfies `accept`, among those received so far or still to come. */
async function snapshotWhere(
  accept: (snapshot: QuerySnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<QuerySnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (listenError) throw listenError;
    const found = snapshots.find(accept);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no matching snapshot in ${timeoutMs} ms (${snapshots.length} seen)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const titles = (snapshot: QuerySnapshot) =>
  snapshot.docs.map((doc) => doc.get('title') as string).sort();

beforeAll(async () => {
  shared = await seedSharedList('Live');
  viewer = await signIn(shared.viewer);
  const db = getFirestore(viewer.app);
  connectFirestoreEmulator(db, firestoreEmulator.host, firestoreEmulator.port);
  stop = onSnapshot(
    collection(db, `lists/${shared.listId}/todos`),
    (snapshot) => snapshots.push(snapshot),
    (error) => (listenError = error),
  );
  await snapshotWhere(() => true);
});

afterAll(async () => {
  stop();
  await viewer?.close();
});

describe('a viewer in the web app', () => {
  it('sees a to-do the API creates, edits, completes and deletes, as it happens', async () => {
    const created = await callApi('POST', `/lists/${shared.listId}/todos`, {
      token: shared.editor.idToken,
      body: { title: 'From a script', tags: ['api'] },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const seen = await snapshotWhere((s) => s.docs.some((doc) => doc.id === id));
    const doc = seen.docs.find((d) => d.id === id);
    expect(doc?.get('createdBy')).toBe(shared.editor.uid);
    expect(doc?.get('tags')).toEqual(['api']);

    snapshots = [];
    await callApi('PATCH', `/lists/${shared.listId}/todos/${id}`, {
      token: shared.editor.idToken,
      body: { title: 'Renamed' },
    });
    expect(titles(await snapshotWhere((s) => titles(s).includes('Renamed')))).toEqual(['Renamed']);

    snapshots = [];
    await callApi('POST', `/lists/${shared.listId}/todos/${id}/complete`, {
      token: shared.owner.idToken,
    });
    const completed = await snapshotWhere((s) =>
      s.docs.some((d) => d.id === id && d.get('done') === true),
    );
    expect(
      completed.docs
        .find((d) => d.id === id)
        ?.get('completedAt')
        ?.toDate(),
    ).toBeInstanceOf(Date);

    snapshots = [];
    await callApi('DELETE', `/lists/${shared.listId}/todos/${id}`, { token: shared.owner.idToken });
    expect((await snapshotWhere((s) => s.docs.every((d) => d.id !== id))).size).toBe(0);
  });
});
