/**
 * The Cloud Storage for Firebase emulator: one object store behind the Firebase v0 API (web SDK)
 * and the GCS JSON API (firebase-admin, @google-cloud/storage), with storage.rules enforced on
 * client requests and object events for the triggers bridge.
 */
import { compileRuleset, type CompileResult } from '../rules/index.js';
import {
  createStorageEmulator,
  type StorageEmulator,
  type StorageEmulatorOptions,
} from './server.js';

export type { ObjectEvent, StorageEmulator, StorageEmulatorOptions } from './server.js';

/** A Firestore ruleset would compile but never allow anything here: say so at load time instead. */
function compileStorageRules(source: string): CompileResult {
  const result = compileRuleset(source);
  if (result.ruleset && result.ruleset.service !== 'firebase.storage') {
    return {
      ruleset: null,
      issues: [
        ...result.issues,
        {
          severity: 'error',
          line: 1,
          column: 1,
          message: `Expected service firebase.storage, found ${result.ruleset.service}.`,
        },
      ],
    };
  }
  return result;
}

export function startStorage(options: StorageEmulatorOptions): Promise<StorageEmulator> {
  return createStorageEmulator(options, compileStorageRules);
}
