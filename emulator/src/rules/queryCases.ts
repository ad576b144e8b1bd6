/**
 * "Queries are not filters": a query is allowed only if its rules hold for every document it
 * could return. Its filter (in disjunctive normal form) is split into cases — one per disjunct,
 * with `in` and `array-contains-any` expanded into one case per value — and the list rules must
 * hold in each case with `resource` bound to what that case says about the documents.
 */
import type { QueryConstraints, QueryFilter } from './api.js';
import { SymbolicMap } from './symbolic.js';
import { EagerMap, type RValue } from './values.js';

/** Firestore itself caps a query at 30 disjunctions; this bounds the work on malformed input. */
export const MAX_QUERY_CASES = 1000;

export class QueryTooComplexError extends Error {}

function expandFilter(f: QueryFilter): QueryFilter[] {
  const values = f.value && 'arrayValue' in f.value ? (f.value.arrayValue.values ?? []) : null;
  if (f.op === 'IN' && values)
    return values.map((value) => ({ field: f.field, op: 'EQUAL', value }));
  if (f.op === 'ARRAY_CONTAINS_ANY' && values)
    return values.map((value) => ({ field: f.field, op: 'ARRAY_CONTAINS', value }));
  return [f];
}

/** The cases a query's documents fall into; an unfiltered query is one unconstrained case. */
export function queryCases(query: QueryConstraints | undefined): QueryFilter[][] {
  const disjuncts = query && query.disjuncts.length > 0 ? query.disjuncts : [[]];
  const cases: QueryFilter[][] = [];
  for (const conjunct of disjuncts) {
    let partial: QueryFilter[][] = [[]];
    for (const filter of conjunct) {
      const options = expandFilter(filter);
      const next: QueryFilter[][] = [];
      for (const p of partial) for (const o of options) next.push([...p, o]);
      partial = next;
      if (partial.length > MAX_QUERY_CASES) throw new QueryTooComplexError();
    }
    cases.push(...partial);
    if (cases.length > MAX_QUERY_CASES) throw new QueryTooComplexError();
  }
  return cases.length > 0 ? cases : [[]];
}

/** `resource` for one case of a query. */
export function symbolicResource(
  filters: readonly QueryFilter[],
  query: QueryConstraints | undefined,
): SymbolicMap {
  return new SymbolicMap(
    filters,
    null,
    (query?.orderBy ?? []).map((o) => o.field),
  );
}

/** `request.query`: limit and offset when set, orderBy as a map of field path to 'ASC'/'DESC'. */
export function queryValue(query: QueryConstraints | undefined): EagerMap {
  const entries = new Map<string, RValue>();
  if (query?.limit !== undefined) entries.set('limit', BigInt(query.limit));
  if (query?.offset !== undefined) entries.set('offset', BigInt(query.offset));
  const orderBy = new Map<string, RValue>();
  for (const o of query?.orderBy ?? [])
    orderBy.set(o.field.join('.'), o.direction === 'DESCENDING' ? 'DESC' : 'ASC');
  entries.set('orderBy', new EagerMap(orderBy));
  return new EagerMap(entries);
}
