/** The Firestore REST API's messages the console sends and reads, in proto3 JSON. */
import type { Fields, Value } from './firestoreValue';

export interface FirestoreDocument {
  /** Full resource name. */
  name: string;
  fields?: Fields;
  createTime?: string;
  updateTime?: string;
}

export type FieldFilterOp =
  | 'LESS_THAN'
  | 'LESS_THAN_OR_EQUAL'
  | 'GREATER_THAN'
  | 'GREATER_THAN_OR_EQUAL'
  | 'EQUAL'
  | 'NOT_EQUAL'
  | 'ARRAY_CONTAINS'
  | 'IN'
  | 'ARRAY_CONTAINS_ANY'
  | 'NOT_IN';
export type UnaryFilterOp = 'IS_NAN' | 'IS_NULL' | 'IS_NOT_NAN' | 'IS_NOT_NULL';

export type QueryFilter =
  | { fieldFilter: { field: { fieldPath: string }; op: FieldFilterOp; value: Value } }
  | { unaryFilter: { field: { fieldPath: string }; op: UnaryFilterOp } };

export interface StructuredQuery {
  from: { collectionId: string; allDescendants?: boolean }[];
  where?: { compositeFilter: { op: 'AND'; filters: QueryFilter[] } } | QueryFilter;
  orderBy?: { field: { fieldPath: string }; direction: 'ASCENDING' | 'DESCENDING' }[];
  startAt?: { values: Value[]; before: boolean };
  limit?: number;
}

/** google.firestore.v1.Write in proto3 JSON. */
export interface Write {
  update?: { name: string; fields: Fields };
  delete?: string;
  updateMask?: { fieldPaths: string[] };
  currentDocument?: { exists: boolean } | { updateTime: string };
}
