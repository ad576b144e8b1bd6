/** The firebase JS SDK in Node (gRPC) runs the shared scenarios against the emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  collection,
  connectFirestoreEmulator,
  deleteDoc,
  disableNetwork,
  doc,
  enableNetwork,
  getFirestore,
  onSnapshot,
  setDoc,
  terminate,
  type Firestore,
} from 'firebase/firestore';
import { startHarness, type Harness } from './firestoreHarness.js';
import { scenarios } from './scenarios/firestoreJsSdk.js';

let harness: Harness;
let app: FirebaseApp;
let db: Firestore;

beforeAll(async () => {
  harness = await startHarness();
  app = initializeApp({ projectId: 'demo-fs-jssdk', apiKey: 'fake' }, 'js-sdk');
  db = getFirestore(app);
  connectFirestoreEmulator(db, harness.emulator.host, harness.emulator.port);
});
afterAll(async () => {
  await terminate(db);
  await deleteApp(app);
  await harness.close();
});

describe('firebase JS SDK (Node, gRPC)', () => {
  scenarios.forEach((scenario, i) => {
    it(scenario.name, () => scenario.run(db, `s${i}`));
  });
});

describe('a listener across a reconnect', () => {
  it('resumes from its token and sees what changed while it was offline', async () => {
    const otherApp = initializeApp({ projectId: 'demo-fs-jssdk', apiKey: 'fake' }, 'js-sdk-other');
    const other = getFirestore(otherApp);
    connectFirestoreEmulator(other, harness.emulator.host, harness.emulator.port);
    try {
      for (const id of ['a', 'b', 'c']) await setDoc(doc(other, 'resume', id), { id });
      const seen: string[][] = [];
      let notify = (): void => undefined;
      const unsubscribe = onSnapshot(collection(db, 'resume'), (snap) => {
        seen.push(snap.docs.map((d) => d.id));
        notify();
      });
      const until = (ids: string[]) =>
        new Promise<void>((resolve) => {
          notify = () => {
            if (JSON.stringify(seen.at(-1)) === JSON.stringify(ids)) resolve();
          };
          notify();
        });
      await until(['a', 'b', 'c']);
      await disableNetwork(db);
      await deleteDoc(doc(other, 'resume', 'a'));
      await setDoc(doc(other, 'resume', 'd'), { id: 'd' });
      await enableNetwork(db);
      // The server answers the resume with the delta and an existence filter counting b, c, d.
      await until(['b', 'c', 'd']);
      unsubscribe();
      expect(seen.at(-1)).toEqual(['b', 'c', 'd']);
    } finally {
      await terminate(other);
      await deleteApp(otherApp);
    }
  });
});
