/**
 * For a test file: the Firestore and Storage emulators in-process on free ports, Storage reading
 * Firestore for its rules' firestore.get() and firestore.exists() (`projectsAsked`: the projects
 * it asked for), and a rules-unit-testing environment on both with `rules` (Firestore's deny
 * everything unless given: Storage's reads for its rules pass them by); all closed after.
 */
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { startFirestore, type FirestoreEmulator } from '../src/firestore/index.js';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';
import { perFile } from './perFile.js';

const DENY_ALL = `rules_version = '2';
service cloud.firestore { match /databases/{db}/documents { match /{doc=**} { allow read, write: if false; } } }`;

export interface FirestoreAndStorage {
  readonly firestore: FirestoreEmulator;
  readonly storage: StorageEmulator;
  readonly env: RulesTestEnvironment;
  readonly projectsAsked: ReadonlySet<string>;
}

export function useFirestoreAndStorage(
  projectId: string,
  rules: { firestore?: string; storage: string },
): FirestoreAndStorage {
  return perFile(async (onClose) => {
    const firestore = await startFirestore({ port: 0, log: () => undefined });
    onClose(() => firestore.close());
    const projectsAsked = new Set<string>();
    const storage = await startStorage({
      port: 0,
      projectId,
      firestore: (project) => {
        projectsAsked.add(project);
        return firestore.documentAccess(project);
      },
      log: () => undefined,
    });
    onClose(() => storage.close());
    const env = await initializeTestEnvironment({
      projectId,
      firestore: { host: firestore.host, port: firestore.port, rules: rules.firestore ?? DENY_ALL },
      storage: { host: storage.host, port: storage.port, rules: rules.storage },
    });
    onClose(() => env.cleanup());
    return { firestore, storage, env, projectsAsked };
  });
}
