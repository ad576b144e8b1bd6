import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFirebaseJson } from './config.js';

function firebaseJson(json: unknown): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-config-'));
  const file = join(dir, 'firebase.json');
  writeFileSync(file, JSON.stringify(json));
  return { file, dir };
}

describe('emulators.storage.signingKeys', () => {
  it('resolves key files against firebase.json, and is empty when absent', () => {
    const { file, dir } = firebaseJson({
      emulators: { storage: { port: 9199, signingKeys: ['keys/sa.json', '/abs/other.json'] } },
    });
    expect(readFirebaseJson(file).storageSigningKeys).toEqual([
      join(dir, 'keys/sa.json'),
      '/abs/other.json',
    ]);
    expect(readFirebaseJson(firebaseJson({ emulators: {} }).file).storageSigningKeys).toEqual([]);
  });

  it('refuses anything but a list of paths', () => {
    const { file } = firebaseJson({ emulators: { storage: { signingKeys: 'sa.json' } } });
    expect(() => readFirebaseJson(file)).toThrow(/emulators\.storage\.signingKeys must be a list/);
  });
});
