/**
 * A query normalised the way Firestore runs it: the collection scope, the compiled filter, the
 * effective ordering (explicit orders, then inequality fields in field-path order, then
 * `__name__`, each implicit order taking the last explicit direction), cursors, offset, limit and
 * projection. Validation of impossible queries happens here, before any data is read.
 */
import { invalidArgument } from '../../model/errors.js';
import { compareUtf8 } from '../../model/valueOrder.js';
import {
  formatFieldPath,
  isNameField,
  NAME_FIELD,
  parseFieldPath,
  type FieldPath,
} from '../../model/fieldPath.js';
import { compareValues } from '../../model/valueOrder.js';
import {
  compileFilter,
  fieldValue,
  isInequality,
  validateFilter,
  type MatchInput,
  type Predicate,
  type SimpleFilter,
} from './filter.js';
import type { Cursor, StructuredQuery } from './structuredQuery.js';
import { planNearest, type NearestSearch } from './vectorSearch.js';
import { databaseRoot, type DatabaseId } from '../../model/path.js';
import type { IndexCatalog } from './indexPlan.js';

export interface OrderTerm {
  field: FieldPath;
  descending: boolean;
}

export interface QueryPlan {
  db: DatabaseId;
  /** Document path of the parent ('' for the database root). */
  parentPath: string;
  collectionId: string;
  allDescendants: boolean;
  predicate: Predicate;
  dnf: SimpleFilter[][];
  orderBy: OrderTerm[];
  /** Order terms the client wrote (for `list` rules). */
  explicitOrderBy: OrderTerm[];
  startAt?: Cursor;
  endAt?: Cursor;
  offset: number;
  limit?: number;
  projection?: FieldPath[];
  /** findNearest: the results are the nearest vectors instead of the ordered matches. */
  nearest?: NearestSearch;
  /** The declared indexes and field overrides the planner may use (none: the automatic ones). */
  indexes?: IndexCatalog;
}

const MAX_ORDER_BY = 100;

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function compareFieldPaths(a: FieldPath, b: FieldPath): number {
  return compareUtf8(formatFieldPath(a), formatFieldPath(b));
}

function checkCursor(
  cursor: Cursor | undefined,
  orderBy: OrderTerm[],
  db: DatabaseId,
  which: string,
): void {
  if (!cursor) return;
  if (!Array.isArray(cursor.values)) throw invalidArgument(`${which} cursor has no values.`);
  if (cursor.values.length > orderBy.length)
    throw invalidArgument(
      `Too many cursor values specified. The specified order has ${orderBy.length} fields.`,
    );
  const root = `${databaseRoot(db)}/`;
  cursor.values.forEach((value, i) => {
    if (!isNameField((orderBy[i] as OrderTerm).field)) return;
    if (!('referenceValue' in value) || !value.referenceValue.startsWith(root)) {
      throw invalidArgument(
        `Cursor position is outside the range of the query: __name__ values must be document references in ${databaseRoot(db)}.`,
      );
    }
  });
}

export function planQuery(db: DatabaseId, parentPath: string, query: StructuredQuery): QueryPlan {
  if (!query || typeof query !== 'object') throw invalidArgument('Missing structured query.');
  const from = query.from ?? [];
  if (from.length !== 1) throw invalidArgument('A query must select exactly one collection.');
  const selector = from[0] as { collectionId?: string; allDescendants?: boolean };
  const collectionId = selector.collectionId ?? '';
  const allDescendants = selector.allDescendants === true;
  if (!allDescendants && collectionId === '')
    throw invalidArgument('A query needs a collection id unless it selects all descendants.');
  if (collectionId.includes('/')) throw invalidArgument(`Invalid collection id: ${collectionId}`);

  const nearest = planNearest(query);
  const dnf = validateFilter(query.where);
  const predicate: Predicate = query.where ? compileFilter(query.where) : () => true;

  const explicitOrderBy: OrderTerm[] = (query.orderBy ?? []).map((o) => {
    if (
      o.direction !== undefined &&
      !['ASCENDING', 'DESCENDING', 'DIRECTION_UNSPECIFIED'].includes(o.direction)
    ) {
      throw invalidArgument(`Unknown order direction: ${String(o.direction)}`);
    }
    return { field: parseFieldPath(o.field?.fieldPath), descending: o.direction === 'DESCENDING' };
  });
  if (explicitOrderBy.length > MAX_ORDER_BY) throw invalidArgument('Too many order by clauses.');
  const orderBy = [...explicitOrderBy];
  const lastDescending =
    orderBy.length > 0 && (orderBy[orderBy.length - 1] as OrderTerm).descending;
  const inequalityFields: FieldPath[] = [];
  for (const f of dnf.flat()) {
    if (isInequality(f.op) && !inequalityFields.some((p) => samePath(p, f.field)))
      inequalityFields.push(f.field);
  }
  inequalityFields.sort(compareFieldPaths);
  for (const field of inequalityFields) {
    if (!orderBy.some((o) => samePath(o.field, field)))
      orderBy.push({ field, descending: lastDescending });
  }
  if (!orderBy.some((o) => isNameField(o.field)))
    orderBy.push({ field: [NAME_FIELD], descending: lastDescending });

  checkCursor(query.startAt, orderBy, db, 'Start');
  checkCursor(query.endAt, orderBy, db, 'End');
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidArgument('Offset must be a non-negative integer.');
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 0))
    throw invalidArgument('Limit must be a non-negative integer.');

  const projection = query.select
    ? (query.select.fields ?? []).map((f) => parseFieldPath(f?.fieldPath))
    : undefined;
  const plan: QueryPlan = {
    db,
    parentPath,
    collectionId,
    allDescendants,
    predicate,
    dnf,
    orderBy,
    explicitOrderBy,
    offset,
  };
  if (query.startAt) plan.startAt = query.startAt;
  if (query.endAt) plan.endAt = query.endAt;
  if (query.limit !== undefined) plan.limit = query.limit;
  if (projection) plan.projection = projection;
  if (nearest) {
    plan.nearest = nearest;
    // The distance is returned whatever the projection selects.
    if (projection && nearest.resultField) projection.push(nearest.resultField);
  }
  return plan;
}

/** Documents lacking an ordered field are not in the result. */
export function hasOrderFields(plan: QueryPlan, doc: MatchInput): boolean {
  return plan.orderBy.every((o) => isNameField(o.field) || fieldValue(doc, o.field) !== undefined);
}

function compareToCursor(plan: QueryPlan, doc: MatchInput, cursor: Cursor): number {
  for (let i = 0; i < cursor.values.length; i++) {
    const o = plan.orderBy[i] as OrderTerm;
    const c = compareValues(fieldValue(doc, o.field)!, cursor.values[i]!);
    if (c !== 0) return o.descending ? -c : c;
  }
  return 0;
}

export function withinCursors(plan: QueryPlan, doc: MatchInput): boolean {
  if (plan.startAt) {
    const c = compareToCursor(plan, doc, plan.startAt);
    if (c < 0 || (c === 0 && !plan.startAt.before)) return false;
  }
  if (plan.endAt) {
    const c = compareToCursor(plan, doc, plan.endAt);
    if (c > 0 || (c === 0 && plan.endAt.before === true)) return false;
  }
  return true;
}
