/**
 * Firestore's side of the journal: every change to a database (commits, and the emulator's own
 * clears and imports) becomes one record holding the resulting state of each document it touched,
 * so replaying a record sets documents to what they were, never re-runs a write.
 */
import type { Database } from '../database/database.js';
import type { Databases } from '../database/databases.js';
import { documentName } from '../../model/path.js';
import type { Timestamp } from '../../model/value.js';
import type { Micros } from '../store/clock.js';
import type { DocumentChange } from '../store/documentStore.js';
import { decodeFields, encodeFields, type Encoded } from './valueCodec.js';

interface JournalRecord {
  projectId: string;
  database: string;
  time: Micros;
  changes: {
    path: string;
    after: { fields: Record<string, Encoded>; createTime: Timestamp; updateTime: Timestamp } | null;
  }[];
}

export function encodeRecord(db: Database, changes: DocumentChange[], time: Micros): Buffer {
  const record: JournalRecord = {
    projectId: db.id.projectId,
    database: db.id.database,
    time,
    changes: changes.map((change) => ({
      path: change.path,
      after: change.after
        ? {
            fields: encodeFields(change.after.fields),
            createTime: change.after.createTime,
            updateTime: change.after.updateTime,
          }
        : null,
    })),
  };
  return Buffer.from(JSON.stringify(record));
}

/** Applies journal records in order, as they were applied before; returns how many documents changed. */
export function replayRecords(databases: Databases, records: Buffer[]): number {
  let count = 0;
  for (const payload of records) {
    const record = JSON.parse(payload.toString('utf8')) as JournalRecord;
    const id = { projectId: record.projectId, database: record.database };
    const db = databases.get(id);
    const changes: DocumentChange[] = record.changes.map((change) => ({
      path: change.path,
      before: db.store.get(change.path),
      after: change.after
        ? {
            name: documentName(id, change.path),
            fields: decodeFields(change.after.fields),
            createTime: change.after.createTime,
            updateTime: change.after.updateTime,
          }
        : null,
    }));
    db.store.apply(changes, record.time);
    count += changes.length;
  }
  return count;
}
