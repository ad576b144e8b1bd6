/**
 * Export and import of every database: one JSON file (`firestore_export.json`) under the export
 * directory, written to a temporary file, flushed and renamed so a crash never leaves half a file.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Databases } from '../database/databases.js';
import { documentName } from '../../model/path.js';
import type { Timestamp } from '../../model/value.js';
import { timestampToMicros } from '../store/clock.js';
import { decodeFields, encodeFields, type Encoded } from './valueCodec.js';

const FILE = 'firestore_export.json';
const FORMAT = 'hearth-firestore-export/1';

interface ExportedDocument {
  path: string;
  fields: Record<string, Encoded>;
  createTime: Timestamp;
  updateTime: Timestamp;
}

interface ExportFile {
  format: string;
  databases: { projectId: string; database: string; documents: ExportedDocument[] }[];
}

export async function exportDatabases(databases: Databases, dir: string): Promise<void> {
  const file: ExportFile = { format: FORMAT, databases: [] };
  for (const db of databases.all()) {
    const prefix = `${documentName(db.id, '')}/`;
    const documents = [...db.store.all()].map((doc) => ({
      path: doc.name.slice(prefix.length),
      fields: encodeFields(doc.fields),
      createTime: doc.createTime,
      updateTime: doc.updateTime,
    }));
    if (documents.length > 0)
      file.databases.push({ projectId: db.id.projectId, database: db.id.database, documents });
  }
  await mkdir(dir, { recursive: true });
  const target = join(dir, FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(file));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
}

/** Loads an export; a missing directory or file is an empty import, a corrupt one an error. */
export async function importDatabases(databases: Databases, dir: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const file = JSON.parse(text) as ExportFile;
  if (file.format !== FORMAT)
    throw new Error(`${join(dir, FILE)} is not a Hearth Firestore export.`);
  let count = 0;
  for (const entry of file.databases) {
    const db = databases.get({ projectId: entry.projectId, database: entry.database });
    for (const doc of entry.documents) {
      const after = {
        name: documentName(db.id, doc.path),
        fields: decodeFields(doc.fields),
        createTime: doc.createTime,
        updateTime: doc.updateTime,
      };
      db.store.apply([{ path: doc.path, before: null, after }], timestampToMicros(doc.updateTime));
      count++;
    }
  }
  return count;
}
