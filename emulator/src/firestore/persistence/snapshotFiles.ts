/**
 * Export and import of every database: one JSON Lines file (`firestore_export.jsonl`) under the
 * export directory, written to a temporary file, flushed and renamed so a crash never leaves half
 * a file. Both ways it is streamed, a line per document, so neither the file nor its text is ever
 * held whole: an export of any size fits in memory beside the data it holds (a single JSON text
 * could not pass Node's ~512 MiB string limit, and would have doubled the memory for a moment).
 *
 * Lines, each one JSON value:
 *   {"format":"hearth-firestore-export/2"}
 *   {"database":{"projectId":"p","database":"(default)"}}   then that database's documents:
 *   {"path":"a/b","fields":{…},"createTime":{…},"updateTime":{…}}
 *   {"end":{"documents":N}}                                   (a file without it is cut short)
 * Exports of the first format (one JSON text, `firestore_export.json`) are still read.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Databases } from '../database/databases.js';
import type { StoredDocument } from '../documents/document.js';
import { documentName, type DatabaseId } from '../../model/path.js';
import type { Timestamp } from '../../model/value.js';
import { timestampToMicros } from '../store/clock.js';
import { decodeFields, encodeFields, type Encoded } from './valueCodec.js';

const FILE = 'firestore_export.jsonl';
const FORMAT = 'hearth-firestore-export/2';
const LEGACY_FILE = 'firestore_export.json';
const LEGACY_FORMAT = 'hearth-firestore-export/1';
/** Written out once this many characters of lines are waiting. */
const CHUNK = 1 << 20;

interface ExportedDocument {
  path: string;
  fields: Record<string, Encoded>;
  createTime: Timestamp;
  updateTime: Timestamp;
}

type Line =
  { format: string } | { database: DatabaseId } | ExportedDocument | { end: { documents: number } };

/** Lines gathered into chunks of about CHUNK characters, each one write. */
class LineWriter {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly handle: FileHandle) {}

  /** Adds a line; true when enough is waiting that the caller should `flush()` before the next. */
  add(line: Line): boolean {
    const text = JSON.stringify(line);
    this.lines.push(text);
    this.size += text.length + 1;
    return this.size >= CHUNK;
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.size = 0;
    await this.handle.write(text);
  }
}

export async function exportDatabases(databases: Databases, dir: string): Promise<void> {
  // Taken at once, so the export holds the data of one moment though commits go on while it is written.
  const snapshot = databases
    .all()
    .map((db) => ({ id: db.id, documents: db.store.all() }))
    .filter((entry) => entry.documents.length > 0);
  await mkdir(dir, { recursive: true });
  const target = join(dir, FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    const out = new LineWriter(handle);
    out.add({ format: FORMAT });
    let count = 0;
    for (const { id, documents } of snapshot) {
      out.add({ database: { projectId: id.projectId, database: id.database } });
      const prefix = `${documentName(id, '')}/`;
      for (const doc of documents) {
        const full = out.add({
          path: doc.name.slice(prefix.length),
          fields: encodeFields(doc.fields),
          createTime: doc.createTime,
          updateTime: doc.updateTime,
        });
        count++;
        if (full) await out.flush();
      }
    }
    out.add({ end: { documents: count } });
    await out.flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
}

interface ImportedDocument {
  id: DatabaseId;
  path: string;
  document: StoredDocument;
}

function toImported(id: DatabaseId, doc: ExportedDocument): ImportedDocument {
  return {
    id,
    path: doc.path,
    document: {
      name: documentName(id, doc.path),
      fields: decodeFields(doc.fields),
      createTime: doc.createTime,
      updateTime: doc.updateTime,
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The documents of an export, one at a time as the file is read; a missing directory or file
 * holds none, a corrupt or cut-short one is an error naming the file and line.
 */
async function* readExport(dir: string): AsyncGenerator<ImportedDocument> {
  const file = join(dir, FILE);
  if (!(await exists(file))) {
    yield* readLegacyExport(dir);
    return;
  }
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let number = 0;
  let database: DatabaseId | undefined;
  let count = 0;
  const fail = (why: string) => new Error(`${file}, line ${number}: ${why}`);
  for await (const text of lines) {
    number++;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw fail(`not JSON (${(error as Error).message})`);
    }
    if (number === 1) {
      if (line['format'] !== FORMAT) throw fail('not a Hearth Firestore export.');
    } else if ('end' in line) {
      const declared = (line['end'] as { documents?: unknown }).documents;
      if (declared !== count)
        throw fail(
          `the export says it holds ${String(declared)} documents, but ${count} were read.`,
        );
      return;
    } else if ('database' in line) {
      database = line['database'] as DatabaseId;
    } else if (database && typeof line['path'] === 'string') {
      count++;
      yield toImported(database, line as unknown as ExportedDocument);
    } else {
      throw fail('expected a document of a database.');
    }
  }
  throw new Error(`${file} is cut short: its last line, the count of its documents, is missing.`);
}

/** The first format: one JSON text, read whole (such exports were written whole, so they fit). */
async function* readLegacyExport(dir: string): AsyncGenerator<ImportedDocument> {
  let text: string;
  try {
    text = await readFile(join(dir, LEGACY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const file = JSON.parse(text) as {
    format: string;
    databases: { projectId: string; database: string; documents: ExportedDocument[] }[];
  };
  if (file.format !== LEGACY_FORMAT)
    throw new Error(`${join(dir, LEGACY_FILE)} is not a Hearth Firestore export.`);
  for (const entry of file.databases) {
    const id = { projectId: entry.projectId, database: entry.database };
    for (const doc of entry.documents) yield toImported(id, doc);
  }
}

/** Loads an export into databases that are empty (at start), each document at its update time. */
export async function importDatabases(databases: Databases, dir: string): Promise<number> {
  let count = 0;
  for await (const { id, path, document } of readExport(dir)) {
    databases
      .get(id)
      .store.apply(
        [{ path, before: null, after: document }],
        timestampToMicros(document.updateTime),
      );
    count++;
  }
  return count;
}

/**
 * Makes every database hold exactly what the export holds, while clients watch: each database
 * changes in one step that listeners see, which fires no triggers (like clearing, it is a reset,
 * not a commit). The export is read whole first, so a corrupt one changes nothing.
 */
export async function replaceDatabases(databases: Databases, dir: string): Promise<number> {
  const byKey = new Map<string, { id: DatabaseId; documents: StoredDocument[] }>();
  for await (const { id, document } of readExport(dir)) {
    const key = `${id.projectId}/${id.database}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { id, documents: [] }));
    entry.documents.push(document);
  }
  for (const entry of byKey.values()) databases.get(entry.id);
  let count = 0;
  for (const db of databases.all()) {
    const documents = byKey.get(`${db.id.projectId}/${db.id.database}`)?.documents ?? [];
    db.replaceAll(documents);
    count += documents.length;
  }
  return count;
}
