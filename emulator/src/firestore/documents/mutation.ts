/**
 * One write of a commit (google.firestore.v1.Write in internal form) and how it turns a document's
 * previous state into its next one: set, update with a mask, delete, transforms, preconditions.
 */
import { Code, FirestoreError, invalidArgument } from '../../model/errors.js';
import { deleteField, getField, setField, type StoredDocument } from './document.js';
import { parseFieldPath, type FieldPath } from '../../model/fieldPath.js';
import { checkFieldPath, checkFields } from './reservedNames.js';
import { applyTransform, validateTransform, type FieldTransform } from './transform.js';
import type { Fields, Timestamp, Value } from '../../model/value.js';
import { compareTimestamps } from '../../model/valueOrder.js';

export interface Precondition {
  exists?: boolean;
  updateTime?: Timestamp;
}

export interface Write {
  update?: { name: string; fields: Fields };
  delete?: string;
  /** Checks the precondition only (the web SDK's transactions verify documents they read but do not write). */
  verify?: string;
  /** The legacy standalone transform write. */
  transform?: { document: string; fieldTransforms: FieldTransform[] };
  updateMask?: string[];
  updateTransforms?: FieldTransform[];
  currentDocument?: Precondition;
}

export interface WriteOutcome {
  /** null when the write deletes the document; 'unchanged' for a verify. */
  after: { fields: Fields } | null | 'unchanged';
  transformResults: Value[];
}

/** The resource name the write targets; validates that it targets exactly one thing. */
export function writeTarget(write: Write): string {
  // Counted without building an array: this runs several times for every write.
  const kinds =
    Number(write.update !== undefined) +
    Number(write.delete !== undefined) +
    Number(write.verify !== undefined) +
    Number(write.transform !== undefined);
  if (kinds !== 1)
    throw invalidArgument('A write must have exactly one of update, delete, verify or transform.');
  if (write.update) return write.update.name;
  if (write.delete !== undefined) return write.delete;
  if (write.verify !== undefined) return write.verify;
  return (write.transform as { document: string }).document;
}

function checkPrecondition(
  name: string,
  previous: StoredDocument | null,
  pre: Precondition | undefined,
): void {
  if (!pre) return;
  if (pre.exists !== undefined && pre.updateTime !== undefined)
    throw invalidArgument('A precondition may set exists or updateTime, not both.');
  if (pre.exists === true && !previous)
    throw new FirestoreError(Code.NOT_FOUND, `No document to update: ${name}`);
  if (pre.exists === false && previous)
    throw new FirestoreError(Code.ALREADY_EXISTS, `Document already exists: ${name}`);
  if (pre.updateTime !== undefined) {
    if (!previous || compareTimestamps(previous.updateTime, pre.updateTime) !== 0) {
      throw new FirestoreError(
        Code.FAILED_PRECONDITION,
        `The referenced document does not match the required update time: ${name}`,
      );
    }
  }
}

function parseMask(paths: string[]): FieldPath[] {
  return paths.map(parseFieldPath);
}

/** Checks a write's shape before anything is applied, so a bad batch changes nothing. */
export function validateWrite(write: Write): void {
  writeTarget(write);
  if (write.updateMask && !write.update)
    throw invalidArgument('An update mask is only allowed with an update write.');
  if (write.updateMask) parseMask(write.updateMask);
  if (write.update) checkFields(write.update.fields);
  for (const path of write.updateMask ?? []) checkFieldPath(path);
  const transforms = [
    ...(write.updateTransforms ?? []),
    ...(write.transform?.fieldTransforms ?? []),
  ];
  if ((write.delete !== undefined || write.verify !== undefined) && write.updateTransforms?.length)
    throw invalidArgument('Only update writes carry transforms.');
  const seen = new Set<string>();
  for (const t of transforms) {
    checkFieldPath(t.fieldPath);
    const path = parseFieldPath(t.fieldPath).join('\u0000');
    if (seen.has(path))
      throw invalidArgument(`Field ${t.fieldPath} is transformed more than once in one write.`);
    seen.add(path);
    validateTransform(t);
  }
}

export function applyWrite(
  write: Write,
  previous: StoredDocument | null,
  commitTime: Timestamp,
): WriteOutcome {
  const name = writeTarget(write);
  checkPrecondition(name, previous, write.currentDocument);
  if (write.delete !== undefined) return { after: null, transformResults: [] };
  if (write.verify !== undefined) return { after: 'unchanged', transformResults: [] };
  let fields: Fields;
  let transforms: FieldTransform[];
  if (write.update) {
    if (write.updateMask) {
      fields = previous?.fields ?? {};
      for (const path of parseMask(write.updateMask)) {
        const value = getField(write.update.fields, path);
        fields = value === undefined ? deleteField(fields, path) : setField(fields, path, value);
      }
    } else {
      fields = write.update.fields;
    }
    transforms = write.updateTransforms ?? [];
  } else {
    fields = previous?.fields ?? {};
    transforms = (write.transform as { fieldTransforms: FieldTransform[] }).fieldTransforms;
  }
  const transformResults: Value[] = [];
  for (const t of transforms) {
    const path = parseFieldPath(t.fieldPath);
    const value = applyTransform(t, getField(fields, path), commitTime);
    fields = setField(fields, path, value);
    transformResults.push(value);
  }
  return { after: { fields }, transformResults };
}
