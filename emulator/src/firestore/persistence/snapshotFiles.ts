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

/** The documents of an export by database; a missing directory or file is empty, a corrupt one an error. */
async function readExport(dir: string) {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const file = JSON.parse(text) as ExportFile;
  if (file.format !== FORMAT)
    throw new Error(`${join(dir, FILE)} is not a Hearth Firestore export.`);
  return file.databases.map((entry) => {
    const id = { projectId: entry.projectId, database: entry.database };
    return {
      id,
      documents: entry.documents.map((doc) => ({
        path: doc.path,
        document: {
          name: documentName(id, doc.path),
          fields: decodeFields(doc.fields),
          createTime: doc.createTime,
          updateTime: doc.updateTime,
        },
      })),
    };
  });
}

/** Loads an export into databases that are empty (at start), each document at its update time. */
export async function importDatabases(databases: Databases, dir: string): Promise<number> {
  let count = 0;
  for (const { id, documents } of await readExport(dir)) {
    const db = databases.get(id);
    for (const { path, document } of documents) {
      db.store.apply(
        [{ path, before: null, after: document }],
        timestampToMicros(document.updateTime),
      );
      count++;
    }
  }
  return count;
}

/**
 * Makes every database hold exactly what the export holds, while clients watch: each database
 * changes in one step that listeners see, which fires no triggers (like clearing, it is a reset,
 * not a commit).
 */
export async function replaceDatabases(databases: Databases, dir: string): Promise<number> {
  const exported = await readExport(dir);
  const byKey = new Map(
    exported.map((entry) => [`${entry.id.projectId}/${entry.id.database}`, entry]),
  );
  for (const entry of exported) databases.get(entry.id);
  let count = 0;
  for (const db of databases.all()) {
    const documents = byKey.get(`${db.id.projectId}/${db.id.database}`)?.documents ?? [];
    db.replaceAll(documents.map((d) => d.document));
    count += documents.length;
  }
  return count;
}
