/**
 * Chooses how a query reads its candidates: from one single-field index of the collection
 * (store/fieldIndex.ts) or by a scan. An index only narrows the candidates to a superset of the
 * results; runQuery still filters, orders and pages them with the same code as a scan, so the
 * results cannot differ.
 *
 * - `equal`: an `==` filter (not NaN, not `__name__`) in a query with a single conjunction: only
 *   the documents whose value equals the operand in value order.
 * - `range`: otherwise, when the first order field is not `__name__`: the index of that field
 *   walked in the query's direction between the bounds the filters and the first cursor value set
 *   on it; with a limit the walk stops after offset + limit matches once the field's value changes.
 * Everything else (collection groups, OR, reads at a past read time, findNearest) scans.
 */
import type { FieldPath } from '../../model/fieldPath.js';
import { formatFieldPath, isNameField } from '../../model/fieldPath.js';
import type { Value } from '../../model/value.js';
import { compareValues, isNaNValue } from '../../model/valueOrder.js';
import type { QueryPlan } from './plan.js';
import type { SimpleFilter } from './filter.js';

export type IndexChoice =
  | { kind: 'scan' }
  | { kind: 'equal'; field: FieldPath; value: Value }
  | {
      kind: 'range';
      field: FieldPath;
      descending: boolean;
      lower?: Value;
      upper?: Value;
      /** Stop once this many documents matched (and the field's value moved on). */
      stopAfter?: number;
    };

const SCAN: IndexChoice = { kind: 'scan' };

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function isUsableOperand(value: Value | undefined): value is Value {
  return value !== undefined && value !== null && !isNaNValue(value);
}

/** The key under which the store keeps a field's index. */
export function indexKey(field: FieldPath): string {
  return formatFieldPath(field);
}

/** `readTime` set means a read of the past: indexes hold current data only, so scan. */
export function chooseIndex(plan: QueryPlan, readTime?: number): IndexChoice {
  if (readTime !== undefined || plan.allDescendants || plan.nearest) return SCAN;
  let conjunction: SimpleFilter[];
  if (plan.dnf.length === 0) conjunction = [];
  else if (plan.dnf.length === 1) conjunction = plan.dnf[0] as SimpleFilter[];
  else return SCAN;

  const equal = conjunction.find(
    (f) => f.op === 'EQUAL' && !isNameField(f.field) && isUsableOperand(f.value),
  );
  if (equal) return { kind: 'equal', field: equal.field, value: equal.value as Value };

  const first = plan.orderBy[0];
  if (!first || isNameField(first.field)) return SCAN;
  let lower: Value | undefined;
  let upper: Value | undefined;
  const atLeast = (v: Value | undefined) => {
    if (!isUsableOperand(v)) return;
    if (lower === undefined || compareValues(v, lower) > 0) lower = v;
  };
  const atMost = (v: Value | undefined) => {
    if (!isUsableOperand(v)) return;
    if (upper === undefined || compareValues(v, upper) < 0) upper = v;
  };
  for (const f of conjunction) {
    if (!samePath(f.field, first.field)) continue;
    if (f.op === 'GREATER_THAN' || f.op === 'GREATER_THAN_OR_EQUAL') atLeast(f.value);
    else if (f.op === 'LESS_THAN' || f.op === 'LESS_THAN_OR_EQUAL') atMost(f.value);
  }
  // A cursor's first value bounds the first order field (inclusively is enough: a superset).
  const start = plan.startAt?.values[0];
  const end = plan.endAt?.values[0];
  if (first.descending) {
    atMost(start);
    atLeast(end);
  } else {
    atLeast(start);
    atMost(end);
  }
  const stopAfter = plan.limit === undefined ? undefined : plan.offset + plan.limit;
  if (lower === undefined && upper === undefined && stopAfter === undefined) return SCAN;
  const choice: IndexChoice = { kind: 'range', field: first.field, descending: first.descending };
  if (lower !== undefined) choice.lower = lower;
  if (upper !== undefined) choice.upper = upper;
  if (stopAfter !== undefined) choice.stopAfter = stopAfter;
  return choice;
}
