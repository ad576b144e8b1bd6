/**
 * Pieces of Firestore request messages in the form every raw client here sends (proto3 JSON as
 * REST and WebChannel take it, which the raw gRPC client takes too: no nulls, int64 as strings).
 * Free of the test runner, so a benchmark can load it.
 */
export type Wire = Record<string, unknown>;

export const int = (n: number): Wire => ({ integerValue: String(n) });
export const str = (s: string): Wire => ({ stringValue: s });
export const arr = (...values: Wire[]): Wire => ({ arrayValue: { values } });

/** A StructuredQuery filter on one field. */
export const fieldFilter = (path: string, op: string, value: Wire): Wire => ({
  fieldFilter: { field: { fieldPath: path }, op, value },
});

/** A StructuredQuery order. */
export const orderBy = (path: string, direction: 'ASCENDING' | 'DESCENDING'): Wire => ({
  field: { fieldPath: path },
  direction,
});
