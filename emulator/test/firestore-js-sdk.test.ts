/** The firebase JS SDK in Node (gRPC) runs the shared scenarios against the emulator. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectFirestoreEmulator,
  getFirestore,
  terminate,
  type Firestore,
} from 'firebase/firestore';
import { startHarness, type Harness } from './firestore-harness.js';
import { scenarios } from './scenarios/firestore-js-sdk.js';

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
