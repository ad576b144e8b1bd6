/**
 * Firestore's documented limits on what a write may store, answered with Firestore's code
 * (INVALID_ARGUMENT) and wording.
 */
import { FirestoreError, invalidArgument } from '../../model/errors.js';
import { parseDocumentName } from '../../model/path.js';
import type { Fields, Value } from '../../model/value.js';
import { compareValues } from '../../model/valueOrder.js';
import { writeTarget, type Write } from './mutation.js';

export const MAX_DOCUMENT_BYTES = 1_048_576;
export const MAX_NESTING_DEPTH = 20;
const MAX_FIELD_NAME_BYTES = 1500;
/** Quotas: "Maximum number of index entries for each document: 40,000". */
const MAX_INDEX_ENTRIES = 40_000;
/**
 * Quotas: "Maximum number of field transformations that can be performed on a single document in
 * a Commit operation or in a transaction: 500".
 */
const MAX_FIELD_TRANSFORMS = 500;

/** Storage size as Firestore counts it (https://firebase.google.com/docs/firestore/storage-size). */
export function valueSize(value: Value): number {
  if ('nullValue' in value || 'booleanValue' in value) return 1;
  if ('integerValue' in value || 'doubleValue' in value || 'timestampValue' in value) return 8;
  if ('stringValue' in value) return Buffer.byteLength(value.stringValue) + 1;
  if ('bytesValue' in value) return value.bytesValue.length;
  if ('referenceValue' in value)
    return Buffer.byteLength(value.referenceValue.split('/documents/')[1] ?? '') + 1;
  if ('geoPointValue' in value) return 16;
  if ('arrayValue' in value) return value.arrayValue.values.reduce((n, v) => n + valueSize(v), 0);
  return fieldsSize(value.mapValue.fields);
}

function fieldsSize(fields: Fields): number {
  let size = 0;
  for (const key in fields) size += Buffer.byteLength(key) + 1 + valueSize(fields[key] as Value);
  return size;
}

export function documentSize(path: string, fields: Fields): number {
  const nameSize = path.split('/').reduce((n, s) => n + Buffer.byteLength(s) + 1, 16);
  return nameSize + fieldsSize(fields) + 32;
}

function checkDepth(value: Value, depth: number, field: string): void {
  if ('arrayValue' in value) {
    if (depth > MAX_NESTING_DEPTH)
      throw invalidArgument(
        `Field "${field}" exceeds the maximum depth of ${MAX_NESTING_DEPTH} nested arrays and maps.`,
      );
    for (const v of value.arrayValue.values) {
      if ('arrayValue' in v)
        throw invalidArgument(
          `Cannot have an array value nested directly in an array in field "${field}".`,
        );
      checkDepth(v, depth + 1, field);
    }
  } else if ('referenceValue' in value) {
    checkReference(value.referenceValue, field);
  } else if ('mapValue' in value) {
    if (depth > MAX_NESTING_DEPTH)
      throw invalidArgument(
        `Field "${field}" exceeds the maximum depth of ${MAX_NESTING_DEPTH} nested arrays and maps.`,
      );
    checkFields(value.mapValue.fields, depth + 1, field);
  }
}

function checkFields(fields: Fields, depth: number, prefix: string): void {
  for (const key in fields) {
    if (Buffer.byteLength(key) > MAX_FIELD_NAME_BYTES)
      throw invalidArgument(
        `Field name "${key.slice(0, 40)}..." exceeds the maximum of ${MAX_FIELD_NAME_BYTES} bytes.`,
      );
    checkDepth(fields[key] as Value, depth, prefix === '' ? key : `${prefix}.${key}`);
  }
}

function checkReference(reference: string, field: string): void {
  try {
    parseDocumentName(reference);
  } catch (error) {
    if (!(error instanceof FirestoreError)) throw error;
    throw invalidArgument(
      `Field "${field}" holds a reference value that is not a document name (projects/{project}/databases/{database}/documents/{path}): ${error.message}`,
    );
  }
}

/**
 * Entries of the automatic single-field indexes: an ascending and a descending one for each field
 * that is neither an array nor a map (subfields of maps counted recursively), one array-contains
 * entry per element of each array. `exact` counts only distinct elements, which costs a sort: the
 * quick upper bound decides nearly every document on its own.
 */
function indexEntries(value: Value, exact: boolean): number {
  if ('arrayValue' in value) {
    const values = value.arrayValue.values;
    if (!exact) return values.length;
    const sorted = [...values].sort(compareValues);
    return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1] as Value, v) !== 0)
      .length;
  }
  if (!('mapValue' in value)) return 2;
  let entries = 0;
  let subfields = 0;
  for (const key in value.mapValue.fields) {
    subfields++;
    entries += indexEntries(value.mapValue.fields[key] as Value, exact);
  }
  return subfields === 0 ? 2 : entries;
}

function checkIndexEntries(name: string, fields: Fields): void {
  const document: Value = { mapValue: { fields } };
  if (indexEntries(document, false) <= MAX_INDEX_ENTRIES) return;
  const entries = indexEntries(document, true);
  if (entries > MAX_INDEX_ENTRIES)
    throw invalidArgument(
      `Document '${name}' cannot be written: too many index entries for entity (${entries.toLocaleString('en-US')}; a document may have at most 40,000).`,
    );
}

/** Validates a document about to be stored. */
export function validateDocument(path: string, name: string, fields: Fields): void {
  checkFields(fields, 1, '');
  const size = documentSize(path, fields);
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      `Document '${name}' cannot be written because its size (${size.toLocaleString('en-US')} bytes) exceeds the maximum allowed size of 1,048,576 bytes.`,
    );
  }
  checkIndexEntries(name, fields);
}

/** Checks that no document gets more field transforms from one commit than Firestore applies. */
export function checkFieldTransforms(writes: Write[]): void {
  const perDocument = new Map<string, number>();
  for (const write of writes) {
    const count =
      (write.updateTransforms?.length ?? 0) + (write.transform?.fieldTransforms.length ?? 0);
    if (count === 0) continue;
    const name = writeTarget(write);
    const total = (perDocument.get(name) ?? 0) + count;
    if (total > MAX_FIELD_TRANSFORMS)
      throw invalidArgument(
        `A commit can apply at most ${MAX_FIELD_TRANSFORMS} field transforms to one document; it applies ${total} to ${name}.`,
      );
    perDocument.set(name, total);
  }
}
