/**
 * Vector indexes: a findNearest query needs one in production, on the vector field with the query
 * vector's dimension, led by the fields its pre-filters use. As firestore.indexes.json declares
 * them, a composite entry whose last field has `vectorConfig: {dimension, flat: {}}`. With index
 * enforcement on, a findNearest query without a declared vector index fails with
 * FAILED_PRECONDITION and the gcloud command that creates it (production's error carries a gcloud
 * command, not a console link, for vector indexes).
 *
 * Which pre-filter fields lead the index is matched as a set (equality, array-contains, inequality
 * fields, in any order and direction): where production is stricter about their order, this
 * allows what production might refuse, as requiredIndex.ts does where unsure.
 */
import { Code, FirestoreError } from '../../model/errors.js';
import { formatFieldPath, isNameField } from '../../model/fieldPath.js';
import type { DatabaseId } from '../../model/path.js';
import type { QueryPlan } from '../query/plan.js';
import type { Direction, IndexField, VectorIndex, VectorIndexField } from './indexConfig.js';

/** What of a query decides its vector index. */
export type VectorQuery = Pick<QueryPlan, 'collectionId' | 'allDescendants' | 'dnf' | 'nearest'>;

/** The vector index a findNearest query needs (pre-filter fields ascending, in field-path order). */
export function requiredVectorIndex(query: VectorQuery): VectorIndex | null {
  const nearest = query.nearest;
  if (!nearest) return null;
  const prefix: IndexField[] = [];
  const seen = new Set<string>();
  for (const filter of query.dnf.flat()) {
    if (isNameField(filter.field)) continue;
    const fieldPath = formatFieldPath(filter.field);
    if (seen.has(fieldPath)) continue;
    seen.add(fieldPath);
    prefix.push(
      filter.op === 'ARRAY_CONTAINS' || filter.op === 'ARRAY_CONTAINS_ANY'
        ? { fieldPath, arrayConfig: 'CONTAINS' }
        : { fieldPath, order: 'ASCENDING' as Direction },
    );
  }
  prefix.sort((a, b) => (a.fieldPath < b.fieldPath ? -1 : a.fieldPath > b.fieldPath ? 1 : 0));
  return {
    collectionGroup: query.collectionId,
    queryScope: query.allDescendants ? 'COLLECTION_GROUP' : 'COLLECTION',
    fields: [
      ...prefix,
      {
        fieldPath: formatFieldPath(nearest.field),
        vectorConfig: { dimension: nearest.vector.length, flat: {} },
      },
    ],
  };
}

function serves(declared: VectorIndex, needed: VectorIndex): boolean {
  if (declared.collectionGroup !== needed.collectionGroup) return false;
  if (declared.queryScope !== needed.queryScope) return false;
  const want = needed.fields.at(-1) as VectorIndexField;
  const have = declared.fields.at(-1) as VectorIndexField;
  if (have.fieldPath !== want.fieldPath) return false;
  if (have.vectorConfig.dimension !== want.vectorConfig.dimension) return false;
  const prefix = (index: VectorIndex) =>
    index.fields
      .slice(0, -1)
      .map((f) => f.fieldPath)
      .sort()
      .join('\n');
  return prefix(declared) === prefix(needed);
}

/** The vector index a findNearest query lacks among the declared ones, or null. */
export function missingVectorIndex(
  query: VectorQuery,
  declared: VectorIndex[],
): VectorIndex | null {
  const needed = requiredVectorIndex(query);
  if (!needed) return null;
  return declared.some((index) => serves(index, needed)) ? null : needed;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The gcloud command that creates a vector index. */
export function vectorIndexCommand(db: DatabaseId, index: VectorIndex): string {
  const parts = [
    'gcloud firestore indexes composite create',
    `--project=${db.projectId}`,
    ...(db.database === '(default)' ? [] : [`--database=${db.database}`]),
    `--collection-group=${index.collectionGroup}`,
    `--query-scope=${index.queryScope}`,
  ];
  for (const field of index.fields) {
    if ('vectorConfig' in field)
      parts.push(
        `--field-config=field-path=${field.fieldPath},vector-config=${quote(
          JSON.stringify({ dimension: String(field.vectorConfig.dimension), flat: '{}' }),
        )}`,
      );
    else if ('arrayConfig' in field)
      parts.push(`--field-config=field-path=${field.fieldPath},array-config=contains`);
    else
      parts.push(`--field-config=field-path=${field.fieldPath},order=${field.order.toLowerCase()}`);
  }
  return parts.join(' ');
}

/** The FAILED_PRECONDITION a findNearest query without its vector index gets. */
export function missingVectorIndexError(db: DatabaseId, index: VectorIndex): FirestoreError {
  return new FirestoreError(
    Code.FAILED_PRECONDITION,
    `Missing vector index configuration. Please create the required index with the following gcloud command: ${vectorIndexCommand(db, index)}`,
  );
}
