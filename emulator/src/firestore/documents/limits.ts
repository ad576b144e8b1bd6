/**
 * Firestore's documented limits on what a write may store, answered with Firestore's code
 * (INVALID_ARGUMENT) and wording.
 */
import { invalidArgument } from '../../model/errors.js';
import type { Fields, Value } from '../../model/value.js';

export const MAX_DOCUMENT_BYTES = 1_048_576;
export const MAX_NESTING_DEPTH = 20;
const MAX_FIELD_NAME_BYTES = 1500;

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

/** Validates a document about to be stored. */
export function validateDocument(path: string, name: string, fields: Fields): void {
  checkFields(fields, 1, '');
  const size = documentSize(path, fields);
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      `Document '${name}' cannot be written because its size (${size.toLocaleString('en-US')} bytes) exceeds the maximum allowed size of 1,048,576 bytes.`,
    );
  }
}
