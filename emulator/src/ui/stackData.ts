/**
 * Export and import of the whole stack's data, in the layout `npm start` keeps in .hearth/data:
 * `emulator/` is this emulator's export (Firestore and Storage, read by `--import`), `firebase/`
 * is firebase-tools' (Auth, through its hub's `/_admin/export`; read by
 * `firebase emulators:start --import`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { exportAtomically, importPart, type Exporter } from '../persistence.js';

export interface DataParts {
  firestore?: Exporter & { importData(dir: string): Promise<number> };
  storage?: Exporter & { importData(dir: string): Promise<number> };
}

export interface StackOrigins {
  projectId: string;
  hubOrigin?: string;
  authOrigin?: string;
}

export class DataError extends Error {}

/** A folder relative to where the stack runs, or absolute. */
function folder(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '')
    throw new DataError('Name the folder, as {"path": ".hearth/exports/monday"}.');
  return path.resolve(text.trim());
}

async function call(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  if (!response.ok)
    throw new DataError(
      `${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  return response;
}

export async function exportStack(parts: DataParts, origins: StackOrigins, to: unknown) {
  const target = folder(to);
  const written: string[] = [];
  const emulatorParts: Record<string, Exporter> = {};
  if (parts.firestore) emulatorParts['firestore'] = parts.firestore;
  if (parts.storage) emulatorParts['storage'] = parts.storage;
  if (Object.keys(emulatorParts).length > 0) {
    await exportAtomically(path.join(target, 'emulator'), emulatorParts);
    written.push(...Object.keys(emulatorParts));
  }
  if (origins.hubOrigin) {
    // The hub exports every firebase-tools emulator that can be (Auth here; all of them with Google's).
    await call(`${origins.hubOrigin}/_admin/export`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: path.join(target, 'firebase'), initiatedBy: 'hearth-console' }),
    });
    written.push('auth');
  }
  return { path: target, parts: written };
}

export async function importStack(parts: DataParts, origins: StackOrigins, from: unknown) {
  const source = folder(from);
  if (!existsSync(source)) throw new DataError(`There is no folder ${source}.`);
  const read: string[] = [];
  const emulatorDir = path.join(source, 'emulator');
  for (const name of ['firestore', 'storage'] as const) {
    const part = parts[name];
    const dir = importPart(emulatorDir, name);
    if (part && dir) {
      await part.importData(dir);
      read.push(name);
    }
  }
  const authDir = path.join(source, 'firebase', 'auth_export');
  if (origins.authOrigin && existsSync(authDir)) {
    await importAuth(origins.authOrigin, origins.projectId, authDir);
    read.push('auth');
  }
  if (read.length === 0)
    throw new DataError(
      `${source} holds no export: expected emulator/ (hearth-emulator) or firebase/auth_export/ (firebase-tools).`,
    );
  return { path: source, parts: read };
}

/** Replaces the Auth emulator's users (and sign-in config) with an export's, as its own --import does. */
async function importAuth(origin: string, projectId: string, dir: string): Promise<void> {
  const owner = { Authorization: 'Bearer owner', 'Content-Type': 'application/json' };
  await call(`${origin}/emulator/v1/projects/${projectId}/accounts`, {
    method: 'DELETE',
    headers: owner,
  });
  const config = path.join(dir, 'config.json');
  if (existsSync(config))
    await call(`${origin}/emulator/v1/projects/${projectId}/config`, {
      method: 'PATCH',
      headers: owner,
      body: await readFile(config, 'utf8'),
    });
  const accounts = path.join(dir, 'accounts.json');
  if (!existsSync(accounts)) return;
  const text = await readFile(accounts, 'utf8');
  const { users } = JSON.parse(text) as { users?: unknown[] };
  if (!users?.length) return;
  await call(
    `${origin}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:batchCreate`,
    {
      method: 'POST',
      headers: owner,
      body: text,
    },
  );
}
