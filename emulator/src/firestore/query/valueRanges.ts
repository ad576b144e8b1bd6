/**
 * Sets of values as intervals of Firestore's value order, for the planner: which index entries a
 * filter can match. Each set is a superset of the values the filter keeps (the filter itself
 * still decides), so bounds may be loose but never too tight.
 *
 * An edge is a place in the value order: at a value, just before or just after it, or at the
 * start or end of a type class (range filters only match their operand's class: `n > 5` keeps
 * numbers above 5, not strings).
 */
import type { Value } from '../../model/value.js';
import { compareValues, isNaNValue, typeOrder } from '../../model/valueOrder.js';
import type { SimpleFilter } from './filter.js';

interface Edge {
  type: number;
  value?: Value;
  /** -1 start of the type class or just before the value, 0 at it, 1 after it or the class's end. */
  side: -1 | 0 | 1;
}

/** From `lo` to `hi` (either open-ended when missing). */
export interface Interval {
  lo?: Edge;
  hi?: Edge;
}

/** Disjoint intervals in value order. [] matches nothing; [{}] every value. */
export type ValueSet = Interval[];

export const EVERY_VALUE: ValueSet = [{}];

function compareEdges(a: Edge, b: Edge): number {
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (a.value === undefined || b.value === undefined) {
    // A class boundary lies before (side -1) or after (side 1) every value of the class.
    if (a.value === undefined && b.value === undefined) return a.side - b.side;
    return a.value === undefined ? a.side : -b.side;
  }
  return compareValues(a.value, b.value) || a.side - b.side;
}

const at = (value: Value, side: -1 | 0 | 1 = 0): Edge => ({ type: typeOrder(value), value, side });
const classStart = (value: Value): Edge => ({ type: typeOrder(value), side: -1 });
const classEnd = (value: Value): Edge => ({ type: typeOrder(value), side: 1 });
/** After every null: where `!=`, `not-in` and `is not null` start. */
const AFTER_NULL: Edge = { type: 0, side: 1 };

/** Where a value lies against an interval: -1 before, 0 inside, 1 after. */
export function relate(value: Value, interval: Interval): number {
  const point = at(value);
  if (interval.lo && compareEdges(point, interval.lo) < 0) return -1;
  if (interval.hi && compareEdges(point, interval.hi) > 0) return 1;
  return 0;
}

export function isPoint(interval: Interval): Value | undefined {
  const { lo, hi } = interval;
  if (!lo || !hi || lo.side !== 0 || hi.side !== 0 || !lo.value || !hi.value) return undefined;
  return compareValues(lo.value, hi.value) === 0 ? lo.value : undefined;
}

/** The values of a set that is only single values, or undefined. */
export function pointsOf(set: ValueSet): Value[] | undefined {
  const points: Value[] = [];
  for (const interval of set) {
    const point = isPoint(interval);
    if (point === undefined) return undefined;
    points.push(point);
  }
  return points;
}

export function isEvery(set: ValueSet): boolean {
  return set.length === 1 && !set[0]?.lo && !set[0]?.hi;
}

function points(values: Value[]): ValueSet {
  const sorted = [...values].sort(compareValues);
  const distinct = sorted.filter(
    (v, i) => i === 0 || compareValues(sorted[i - 1] as Value, v) !== 0,
  );
  return distinct.map((v) => ({ lo: at(v), hi: at(v) }));
}

/** Everything after null except these values. */
function allBut(values: Value[]): ValueSet {
  const excluded = points(values).map((p) => p.lo as Edge);
  const set: ValueSet = [];
  let lo: Edge = AFTER_NULL;
  for (const edge of excluded) {
    if (edge.type === 0) continue; // null is excluded anyway
    set.push({ lo, hi: { ...edge, side: -1 } });
    lo = { ...edge, side: 1 };
  }
  set.push({ lo });
  return set;
}

function operandValues(value: Value | undefined): Value[] {
  return value && 'arrayValue' in value ? value.arrayValue.values : [];
}

/** The values of the field that a filter may keep (the field's own value, not its elements). */
export function valuesOf(filter: SimpleFilter): ValueSet {
  const v = filter.value;
  switch (filter.op) {
    case 'EQUAL':
      return v ? points([v]) : [];
    case 'IN':
      return points(operandValues(v));
    case 'LESS_THAN':
    case 'LESS_THAN_OR_EQUAL':
    case 'GREATER_THAN':
    case 'GREATER_THAN_OR_EQUAL': {
      if (!v || 'nullValue' in v || isNaNValue(v)) return [];
      if (filter.op === 'LESS_THAN') return [{ lo: classStart(v), hi: at(v, -1) }];
      if (filter.op === 'LESS_THAN_OR_EQUAL') return [{ lo: classStart(v), hi: at(v) }];
      if (filter.op === 'GREATER_THAN') return [{ lo: at(v, 1), hi: classEnd(v) }];
      return [{ lo: at(v), hi: classEnd(v) }];
    }
    case 'NOT_EQUAL':
      return v ? allBut([v]) : [];
    case 'NOT_IN': {
      const values = operandValues(v);
      return values.some((e) => 'nullValue' in e) ? [] : allBut(values);
    }
    case 'IS_NULL':
      return points([{ nullValue: null }]);
    case 'IS_NAN':
      return points([{ doubleValue: NaN }]);
    case 'IS_NOT_NULL':
    case 'IS_NOT_NAN':
      return [{ lo: AFTER_NULL }];
    case 'ARRAY_CONTAINS':
    case 'ARRAY_CONTAINS_ANY': {
      const array: Value = { arrayValue: { values: [] } };
      return [{ lo: classStart(array), hi: classEnd(array) }];
    }
    default:
      return EVERY_VALUE;
  }
}

/** The elements an array-contains(-any) filter looks for, or undefined for other filters. */
export function elementsOf(filter: SimpleFilter): ValueSet | undefined {
  if (filter.op === 'ARRAY_CONTAINS') return filter.value ? points([filter.value]) : [];
  if (filter.op === 'ARRAY_CONTAINS_ANY') return points(operandValues(filter.value));
  return undefined;
}

/** A cursor value on the first order field: values on its side of it (inclusive, a superset). */
export function fromCursor(value: Value, onOrAfter: boolean): ValueSet {
  return onOrAfter ? [{ lo: at(value) }] : [{ hi: at(value) }];
}

const maxLo = (a?: Edge, b?: Edge) => (!a ? b : !b ? a : compareEdges(a, b) >= 0 ? a : b);
const minHi = (a?: Edge, b?: Edge) => (!a ? b : !b ? a : compareEdges(a, b) <= 0 ? a : b);

export function intersect(a: ValueSet, b: ValueSet): ValueSet {
  if (isEvery(a)) return b;
  if (isEvery(b)) return a;
  const result: ValueSet = [];
  for (const x of a) {
    for (const y of b) {
      const interval: Interval = {};
      const lo = maxLo(x.lo, y.lo);
      const hi = minHi(x.hi, y.hi);
      if (lo && hi && compareEdges(lo, hi) > 0) continue;
      if (lo) interval.lo = lo;
      if (hi) interval.hi = hi;
      result.push(interval);
    }
  }
  return result.sort((x, y) => (!x.lo ? -1 : !y.lo ? 1 : compareEdges(x.lo, y.lo)));
}
