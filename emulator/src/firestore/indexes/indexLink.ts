/**
 * Production's refusal of a query that lacks its index: FAILED_PRECONDITION with a link to the
 * Firebase console that creates it. The link carries the index as Firestore's Admin API message
 * (google.firestore.admin.v1.Index, or a Field for a single-field index), protobuf-encoded and
 * base64url-encoded, as production's links do.
 */
import { Code, FirestoreError } from '../../model/errors.js';
import type { DatabaseId } from '../../model/path.js';
import type { IndexField, QueryScope, SingleFieldIndex } from './indexConfig.js';
import type { MissingIndex } from './requiredIndex.js';

// ---- the few protobuf encodings the Admin API messages need

function varint(value: number): number[] {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return bytes;
}

const tag = (field: number, wireType: number) => varint((field << 3) | wireType);
const enumField = (field: number, value: number) => [...tag(field, 0), ...varint(value)];
function bytesField(field: number, payload: number[] | string): number[] {
  const bytes = typeof payload === 'string' ? [...Buffer.from(payload, 'utf8')] : payload;
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
}

// google.firestore.admin.v1.Index: QueryScope COLLECTION = 1, COLLECTION_GROUP = 2; IndexField
// Order ASCENDING = 1, DESCENDING = 2; ArrayConfig CONTAINS = 1.
const scopeNumber = (scope: QueryScope) => (scope === 'COLLECTION' ? 1 : 2);
const indexField = (field: IndexField) =>
  bytesField(3, [
    ...bytesField(1, field.fieldPath),
    ...('order' in field ? enumField(2, field.order === 'ASCENDING' ? 1 : 2) : enumField(3, 1)),
  ]);

const base64url = (bytes: number[]) => Buffer.from(bytes).toString('base64url');

function groupName(db: DatabaseId, collectionGroup: string): string {
  return `projects/${db.projectId}/databases/${db.database}/collectionGroups/${collectionGroup}`;
}

function consoleUrl(db: DatabaseId): string {
  const base = `https://console.firebase.google.com/v1/r/project/${db.projectId}/firestore`;
  return db.database === '(default)'
    ? `${base}/indexes`
    : `${base}/databases/${db.database}/indexes`;
}

/** The link production's error gives, which opens the console with the index filled in. */
export function createIndexLink(db: DatabaseId, missing: MissingIndex): string {
  if (missing.kind === 'composite') {
    const { index } = missing;
    const last = index.fields.at(-1);
    const fields: IndexField[] =
      last?.fieldPath === '__name__'
        ? index.fields
        : [
            ...index.fields,
            { fieldPath: '__name__', order: last && 'order' in last ? last.order : 'ASCENDING' },
          ];
    const message = [
      ...bytesField(1, `${groupName(db, index.collectionGroup)}/indexes/_`),
      ...enumField(2, scopeNumber(index.queryScope)),
      ...fields.flatMap(indexField),
    ];
    return `${consoleUrl(db)}?create_composite=${base64url(message)}`;
  }
  // google.firestore.admin.v1.Field { name = 1; index_config = 2 { indexes = 1 } }.
  const single = missing.index;
  const index = [
    ...enumField(2, scopeNumber(single.queryScope)),
    ...indexField({ fieldPath: missing.fieldPath, ...singleConfig(single) }),
  ];
  const message = [
    ...bytesField(1, `${groupName(db, missing.collectionGroup)}/fields/${missing.fieldPath}`),
    ...bytesField(2, bytesField(1, index)),
  ];
  return `${consoleUrl(db)}?create_exemption=${base64url(message)}`;
}

function singleConfig(
  index: SingleFieldIndex,
): { order: 'ASCENDING' | 'DESCENDING' } | { arrayConfig: 'CONTAINS' } {
  return 'order' in index ? { order: index.order } : { arrayConfig: 'CONTAINS' };
}

/** What production says when a single-field index is missing, e.g. COLLECTION_GROUP_ASC. */
function singleFieldKind(index: SingleFieldIndex): string {
  const kind = 'order' in index ? (index.order === 'ASCENDING' ? 'ASC' : 'DESC') : 'CONTAINS';
  return index.queryScope === 'COLLECTION_GROUP' ? `COLLECTION_GROUP_${kind}` : kind;
}

/** The FAILED_PRECONDITION production answers the query with. */
export function missingIndexError(db: DatabaseId, missing: MissingIndex): FirestoreError {
  const link = createIndexLink(db, missing);
  const what =
    missing.kind === 'composite'
      ? 'an index'
      : `a ${singleFieldKind(missing.index)} index for collection ${missing.collectionGroup} and field ${missing.fieldPath}`;
  return new FirestoreError(
    Code.FAILED_PRECONDITION,
    `The query requires ${what}. You can create it here: ${link}`,
  );
}
