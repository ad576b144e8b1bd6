/**
 * google.firestore.v1.StructuredQuery and StructuredAggregationQuery in internal form: the proto's
 * shape with Values in normal form and wrappers (Int32Value) unwrapped, so adapters stay thin.
 */
import type { FilterOperator } from '../../rules/api.js';
import type { Value } from '../model/value.js';

/** The proto's field filter operators; the rules engine judges queries by the same names. */
export const FIELD_OPERATORS = [
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'EQUAL',
  'NOT_EQUAL',
  'ARRAY_CONTAINS',
  'IN',
  'ARRAY_CONTAINS_ANY',
  'NOT_IN',
] as const satisfies readonly FilterOperator[];
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

export const UNARY_OPERATORS = [
  'IS_NAN',
  'IS_NULL',
  'IS_NOT_NAN',
  'IS_NOT_NULL',
] as const satisfies readonly FilterOperator[];
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

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

export interface StructuredQuery {
  select?: { fields: FieldReference[] };
  from?: { collectionId?: string; allDescendants?: boolean }[];
  where?: Filter;
  orderBy?: Order[];
  startAt?: Cursor;
  endAt?: Cursor;
  offset?: number;
  limit?: number;
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
