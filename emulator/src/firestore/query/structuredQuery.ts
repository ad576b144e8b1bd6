/**
 * google.firestore.v1.StructuredQuery and StructuredAggregationQuery in internal form: the proto's
 * shape with Values in normal form and wrappers (Int32Value) unwrapped, so adapters stay thin.
 */
import type { FieldOperator, UnaryOperator } from '../../model/filterOperator.js';
import type { Value } from '../../model/value.js';

export interface FieldReference {
  fieldPath: string;
}

export type Filter =
  | { compositeFilter: { op: 'AND' | 'OR'; filters: Filter[] } }
  | { fieldFilter: { field: FieldReference; op: FieldOperator; value: Value } }
  | { unaryFilter: { op: UnaryOperator; field: FieldReference } };

export interface Cursor {
  values: Value[];
  before?: boolean;
}

export interface Order {
  field: FieldReference;
  direction?: 'ASCENDING' | 'DESCENDING' | 'DIRECTION_UNSPECIFIED';
}

export type DistanceMeasure = 'EUCLIDEAN' | 'COSINE' | 'DOT_PRODUCT';

/** StructuredQuery.FindNearest: a nearest-neighbour (vector) search over the query's results. */
export interface FindNearest {
  vectorField: FieldReference;
  queryVector: Value;
  distanceMeasure: DistanceMeasure;
  limit: number;
  distanceResultField?: string;
  distanceThreshold?: number;
}

export interface StructuredQuery {
  select?: { fields: FieldReference[] };
  from?: { collectionId?: string; allDescendants?: boolean }[];
  where?: Filter;
  orderBy?: Order[];
  startAt?: Cursor;
  endAt?: Cursor;
  offset?: number;
  limit?: number;
  findNearest?: FindNearest;
}

export interface Aggregation {
  alias?: string;
  count?: { upTo?: bigint };
  sum?: { field: FieldReference };
  avg?: { field: FieldReference };
}

export interface StructuredAggregationQuery {
  structuredQuery: StructuredQuery;
  aggregations: Aggregation[];
}
