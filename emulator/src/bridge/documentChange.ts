/**
 * One committed document change as triggers see it: which operation it was, where, and which
 * fields it touched. A write that leaves the data as it was is no event at all, as in Firestore.
 */
import { formatFieldPath } from '../model/fieldPath.js';
import { parseDocumentName } from '../model/path.js';
import { ownField, type Fields } from '../model/value.js';
import { valueEquals } from '../model/valueOrder.js';
import type { DocumentChange, StoredDocument } from './sources.js';

export type DocumentOperation = 'created' | 'updated' | 'deleted';

export interface DocumentEvent {
  project: string;
  database: string;
  /** Document path relative to the database's documents root: `lists/l1/todos/t1`. */
  path: string;
  operation: DocumentOperation;
  before: StoredDocument | null;
  after: StoredDocument | null;
  /** Field paths whose value changed, for updates only. */
  updatedPaths: string[];
}

export function toDocumentEvent(change: DocumentChange): DocumentEvent | null {
  const name = documentNameParts(change.name);
  if (!name) return null;
  const { projectId: project, database, path } = name;
  const { before, after } = change;
  if (!before && !after) return null;
  if (!before)
    return { project, database, path, operation: 'created', before, after, updatedPaths: [] };
  if (!after)
    return { project, database, path, operation: 'deleted', before, after, updatedPaths: [] };
  const updatedPaths = changedFieldPaths(before.fields, after.fields, []);
  if (updatedPaths.length === 0) return null;
  return { project, database, path, operation: 'updated', before, after, updatedPaths };
}

/** Changed leaves: maps present on both sides are compared field by field, anything else whole. */
function changedFieldPaths(before: Fields, after: Fields, prefix: string[]): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const was = ownField(before, key);
    const now = ownField(after, key);
    const path = [...prefix, key];
    if (was && now && 'mapValue' in was && 'mapValue' in now) {
      return changedFieldPaths(was.mapValue.fields, now.mapValue.fields, path);
    }
    return was && now && valueEquals(was, now) ? [] : [formatFieldPath(path)];
  });
}

function documentNameParts(name: string): ReturnType<typeof parseDocumentName> | null {
  try {
    return parseDocumentName(name);
  } catch {
    return null;
  }
}
