/**
 * Export and import of the whole stack's data through the console's server, in the layout
 * `npm start` keeps in .hearth/data: `emulator/` (Firestore and Storage, read by
 * `hearth-emulator --import`) and `firebase/` (Auth, read by `firebase emulators:start --import`).
 */
import { requestJson } from './http';

export interface DataResult {
  /** The folder written or read, absolute. */
  path: string;
  /** What it held: firestore, storage, auth. */
  parts: string[];
}

export function exportData(projectId: string, path: string): Promise<DataResult> {
  return requestJson<DataResult>(`/emulator/v1/projects/${encodeURIComponent(projectId)}:export`, {
    body: { path },
  });
}

export function importData(projectId: string, path: string): Promise<DataResult> {
  return requestJson<DataResult>(`/emulator/v1/projects/${encodeURIComponent(projectId)}:import`, {
    body: { path },
  });
}
