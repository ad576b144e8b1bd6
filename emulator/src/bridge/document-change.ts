/**
 * One committed document change as triggers see it: which operation it was, where, and which
 * fields it touched. A write that leaves the data as it was is no event at all, as in Firestore.
 */
import type { Fields, Value } from '../firestore/model/value.js';
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

const RESOURCE_NAME = /^projects\/([^/]+)\/databases\/([^/]+)\/documents\/(.+)$/;

export function toDocumentEvent(change: DocumentChange): DocumentEvent | null {
  const parts = RESOURCE_NAME.exec(change.name);
  if (!parts) return null;
  const [, project, database, path] = parts as unknown as [string, string, string, string];
  const { before, after } = change;
  if (!before && !after) return null;
  if (!before) return { project, database, path, operation: 'created', before, after, updatedPaths: [] };
  if (!after) return { project, database, path, operation: 'deleted', before, after, updatedPaths: [] };
  const updatedPaths = changedFieldPaths(before.fields, after.fields, []);
  if (updatedPaths.length === 0) return null;
  return { project, database, path, operation: 'updated', before, after, updatedPaths };
}

/** Changed leaves: maps present on both sides are compared field by field, anything else whole. */
function changedFieldPaths(before: Fields, after: Fields, prefix: string[]): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const was = before[key];
    const now = after[key];
    const path = [...prefix, key];
    if (was && now && 'mapValue' in was && 'mapValue' in now) {
      return changedFieldPaths(was.mapValue.fields, now.mapValue.fields, path);
    }
    return was && now && valueEquals(was, now) ? [] : [formatFieldPath(path)];
  });
}

function valueEquals(a: Value, b: Value): boolean {
  if ('doubleValue' in a) {
    return 'doubleValue' in b && (Object.is(a.doubleValue, b.doubleValue) || a.doubleValue === b.doubleValue);
  }
  if ('arrayValue' in a) {
    if (!('arrayValue' in b) || a.arrayValue.values.length !== b.arrayValue.values.length) return false;
    return a.arrayValue.values.every((value, i) => valueEquals(value, b.arrayValue.values[i] as Value));
  }
  if ('mapValue' in a) {
    if (!('mapValue' in b)) return false;
    const keys = Object.keys(a.mapValue.fields);
    if (keys.length !== Object.keys(b.mapValue.fields).length) return false;
    return keys.every((key) => {
      const other = b.mapValue.fields[key];
      return other !== undefined && valueEquals(a.mapValue.fields[key] as Value, other);
    });
  }
  if ('bytesValue' in a) return 'bytesValue' in b && Buffer.from(a.bytesValue).equals(Buffer.from(b.bytesValue));
  if ('timestampValue' in a) {
    return (
      'timestampValue' in b &&
      a.timestampValue.seconds === b.timestampValue.seconds &&
      a.timestampValue.nanos === b.timestampValue.nanos
    );
  }
  if ('geoPointValue' in a) {
    return (
      'geoPointValue' in b &&
      a.geoPointValue.latitude === b.geoPointValue.latitude &&
      a.geoPointValue.longitude === b.geoPointValue.longitude
    );
  }
  const [key] = Object.keys(a) as (keyof Value)[];
  return key !== undefined && key in b && (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key];
}

const SIMPLE_SEGMENT = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

function formatFieldPath(path: string[]): string {
  return path
    .map((segment) =>
      SIMPLE_SEGMENT.test(segment) ? segment : '`' + segment.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`',
    )
    .join('.');
}
