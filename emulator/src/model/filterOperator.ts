/**
 * google.firestore.v1.StructuredQuery's filter operators: a field filter compares a field with a
 * value, a unary filter tests the field alone. Queries run under these names, and the rules engine
 * judges them ("queries are not filters") by the same ones.
 */
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
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

export const UNARY_OPERATORS = ['IS_NAN', 'IS_NULL', 'IS_NOT_NAN', 'IS_NOT_NULL'] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

export type FilterOperator = FieldOperator | UnaryOperator;
