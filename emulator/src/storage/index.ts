/**
 * The Cloud Storage for Firebase emulator: one object store behind the Firebase v0 API (web SDK)
 * and the GCS JSON API (firebase-admin, @google-cloud/storage), with storage.rules enforced on
 * client requests and object events for the triggers bridge.
 */
import type { CompileResult } from '../rules/api.js';
import { createStorageEmulator, type StorageEmulator, type StorageEmulatorOptions } from './server.js';

export type { ObjectEvent, StorageEmulator, StorageEmulatorOptions } from './server.js';

function compileStorageRules(source: string): CompileResult {
  void source;
  return {
    ruleset: null,
    issues: [{ severity: 'error', line: 1, column: 1, message: 'The rules engine is not available yet.' }],
  };
}

export function startStorage(options: StorageEmulatorOptions): Promise<StorageEmulator> {
  return createStorageEmulator(options, compileStorageRules);
}
