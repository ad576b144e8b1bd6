/**
 * Whether production Firestore would refuse a query for want of an index that the index file
 * does not declare, and which index that is. The rules are those of Firestore's index overview:
 *
 * - Automatic single-field indexes (ascending, descending, array-contains) exist for every field
 *   of every collection, unless a field override replaces them; collection-group ones exist only
 *   where a field override enables them.
 * - They serve equality filters alone (several are merged), one array-contains filter alone, and
 *   one inequality or orderBy on one field.
 * - Anything else needs a composite index: equality fields first, then the array-contains field,
 *   then the orders (explicit orderBy, then inequality fields), each in its direction.
 *   Several composite indexes with the same trailing orders serve a query by index merging.
 *
 * Conservative by design: where the rules are not certain, the query is allowed (an orderBy on an
 * equality-filtered field, an index read backwards, filters on `__name__`).
 */
import { formatFieldPath, isNameField } from '../../model/fieldPath.js';
import type { QueryPlan } from '../query/plan.js';
import { fieldOverrideOf } from '../query/indexPlan.js';
import type { SimpleFilter } from '../query/filter.js';
import type {
  CompositeIndex,
  Direction,
  IndexConfig,
  IndexField,
  QueryScope,
  SingleFieldIndex,
} from './indexConfig.js';

/** What of a query decides its index. */
export type IndexedQuery = Pick<QueryPlan, 'collectionId' | 'allDescendants' | 'dnf' | 'orderBy'>;

export type MissingIndex =
  | { kind: 'composite'; index: CompositeIndex }
  | {
      kind: 'singleField';
      collectionGroup: string;
      fieldPath: string;
      index: SingleFieldIndex;
    };

const NAME = '__name__';
const EQUALITIES = new Set(['EQUAL', 'IN', 'IS_NULL', 'IS_NAN']);
const ARRAY_CONTAINS = new Set(['ARRAY_CONTAINS', 'ARRAY_CONTAINS_ANY']);

interface Need {
  scope: QueryScope;
  collectionGroup: string;
  /** Equality fields, in field-path order. */
  equals: string[];
  /** The array-contains field, if any. */
  contains?: string;
  /** Orders after the equality and array-contains fields (with `__name__` only when it breaks the direction). */
  orders: { fieldPath: string; order: Direction }[];
}

const direction = (descending: boolean): Direction => (descending ? 'DESCENDING' : 'ASCENDING');
const reversed = (order: Direction): Direction =>
  order === 'ASCENDING' ? 'DESCENDING' : 'ASCENDING';

function needOf(query: IndexedQuery, conjunct: SimpleFilter[]): Need {
  const filters = conjunct.filter((f) => !isNameField(f.field));
  const equals = [
    ...new Set(filters.filter((f) => EQUALITIES.has(f.op)).map((f) => formatFieldPath(f.field))),
  ].sort();
  const contains = filters.find((f) => ARRAY_CONTAINS.has(f.op));
  const orders: Need['orders'] = [];
  for (const term of query.orderBy) {
    if (isNameField(term.field)) {
      // Every index ends with __name__ in its last field's direction: only the other way needs saying.
      const last = orders.at(-1);
      if (last && last.order !== direction(term.descending))
        orders.push({ fieldPath: NAME, order: direction(term.descending) });
      break;
    }
    const fieldPath = formatFieldPath(term.field);
    // Ordering on a field held equal orders nothing.
    if (equals.includes(fieldPath)) continue;
    orders.push({ fieldPath, order: direction(term.descending) });
  }
  const need: Need = {
    scope: query.allDescendants ? 'COLLECTION_GROUP' : 'COLLECTION',
    collectionGroup: query.collectionId,
    equals,
    orders,
  };
  if (contains) need.contains = formatFieldPath(contains.field);
  return need;
}

/** The composite index a need calls for, in firestore.indexes.json's form (no trailing __name__). */
function compositeOf(need: Need): CompositeIndex {
  const fields: IndexField[] = [
    ...need.equals.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const })),
    ...(need.contains ? [{ fieldPath: need.contains, arrayConfig: 'CONTAINS' as const }] : []),
    ...need.orders,
  ];
  return { collectionGroup: need.collectionGroup, queryScope: need.scope, fields };
}

/** A declared index's fields without the __name__ that every index ends with implicitly. */
function withoutImpliedName(fields: IndexField[]): IndexField[] {
  const last = fields.at(-1);
  if (!last || last.fieldPath !== NAME || !('order' in last)) return fields;
  const before = fields.at(-2);
  const implied = before && 'order' in before ? before.order : 'ASCENDING';
  return last.order === implied ? fields.slice(0, -1) : fields;
}

function sameOrders(fields: IndexField[], orders: Need['orders'], flip: boolean): boolean {
  return (
    fields.length === orders.length &&
    fields.every((field, i) => {
      const want = orders[i] as Need['orders'][number];
      return (
        'order' in field &&
        field.fieldPath === want.fieldPath &&
        field.order === (flip ? reversed(want.order) : want.order)
      );
    })
  );
}

/**
 * Whether the declared composite indexes serve a need: one whose leading fields are the equality
 * and array-contains fields in any order and whose remaining fields are the orders (read either
 * way), or several such indexes that share those orders and together hold every equality field.
 */
function servedByComposites(need: Need, config: IndexConfig): boolean {
  const prefix = new Set([...need.equals, ...(need.contains ? [need.contains] : [])]);
  const covered = new Set<string>();
  for (const declared of config.indexes) {
    if (declared.collectionGroup !== need.collectionGroup || declared.queryScope !== need.scope)
      continue;
    const fields = withoutImpliedName(declared.fields);
    const leading = fields.length - need.orders.length;
    if (leading < 0) continue;
    const head = fields.slice(0, leading);
    const tail = fields.slice(leading);
    if (!sameOrders(tail, need.orders, false) && !sameOrders(tail, need.orders, true)) continue;
    const fits = head.every((field) =>
      field.fieldPath === need.contains
        ? 'arrayConfig' in field
        : need.equals.includes(field.fieldPath) && 'order' in field,
    );
    if (!fits || new Set(head.map((f) => f.fieldPath)).size !== head.length) continue;
    if (head.length === prefix.size) return true;
    // Index merging: several indexes with the same orders, each on some of the equality fields.
    if (head.length === 0 || (need.contains && !head.some((f) => f.fieldPath === need.contains)))
      continue;
    for (const field of head) covered.add(field.fieldPath);
  }
  return prefix.size > 0 && [...prefix].every((field) => covered.has(field));
}

type SingleKind = Direction | 'ANY' | 'CONTAINS';

/** Whether a single-field index of this kind exists for a field, automatically or by override. */
function hasSingleField(
  config: IndexConfig,
  scope: QueryScope,
  collectionGroup: string,
  fieldPath: string,
  kind: SingleKind,
): boolean {
  const override = fieldOverrideOf(config.fieldOverrides, collectionGroup, fieldPath);
  const matches = (index: SingleFieldIndex | IndexField): boolean =>
    kind === 'CONTAINS'
      ? 'arrayConfig' in index
      : 'order' in index && (kind === 'ANY' || index.order === kind);
  if (override) {
    if (override.indexes.some((index) => index.queryScope === scope && matches(index))) return true;
  } else if (scope === 'COLLECTION') return true;
  // A composite index that starts with the field serves it as well.
  return config.indexes.some(
    (index) =>
      index.collectionGroup === collectionGroup &&
      index.queryScope === scope &&
      index.fields[0]?.fieldPath === fieldPath &&
      matches(index.fields[0]),
  );
}

function singleFieldNeeds(need: Need): { fieldPath: string; kind: SingleKind }[] | null {
  const { equals, contains, orders } = need;
  if (orders.length === 0 && !contains)
    return equals.map((fieldPath) => ({ fieldPath, kind: 'ANY' }));
  if (orders.length === 0 && equals.length === 0 && contains)
    return [{ fieldPath: contains, kind: 'CONTAINS' }];
  const only = orders[0];
  if (orders.length === 1 && equals.length === 0 && !contains && only)
    return [{ fieldPath: only.fieldPath, kind: only.order }];
  return null;
}

function missingFor(need: Need, config: IndexConfig): MissingIndex | null {
  const singles = singleFieldNeeds(need);
  if (singles) {
    for (const { fieldPath, kind } of singles) {
      if (hasSingleField(config, need.scope, need.collectionGroup, fieldPath, kind)) continue;
      // An equality may use either direction; an order is served by the index read either way.
      const tolerant = kind === 'ASCENDING' || kind === 'DESCENDING' ? 'ANY' : kind;
      if (hasSingleField(config, need.scope, need.collectionGroup, fieldPath, tolerant)) continue;
      const index: SingleFieldIndex =
        kind === 'CONTAINS'
          ? { arrayConfig: 'CONTAINS', queryScope: need.scope }
          : { order: kind === 'DESCENDING' ? kind : 'ASCENDING', queryScope: need.scope };
      return { kind: 'singleField', collectionGroup: need.collectionGroup, fieldPath, index };
    }
    return null;
  }
  if (servedByComposites(need, config)) return null;
  return { kind: 'composite', index: compositeOf(need) };
}

/**
 * The index production would ask for before running this query, or null when the declared and
 * automatic indexes serve it. Each branch of an OR (the query's disjunctive normal form) is
 * served on its own, so each needs its index; the first one missing is returned.
 */
export function missingIndex(query: IndexedQuery, config: IndexConfig): MissingIndex | null {
  // A kindless query (all documents of the database) runs on the built-in name index.
  if (query.collectionId === '') return null;
  for (const conjunct of query.dnf.length > 0 ? query.dnf : [[]]) {
    const missing = missingFor(needOf(query, conjunct), config);
    if (missing) return missing;
  }
  return null;
}
