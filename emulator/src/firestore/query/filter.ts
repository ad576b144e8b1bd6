/**
 * Filters compiled to predicates, with Firestore's matching rules: range operators only match
 * values of the operand's type class, `!=` and `not-in` skip missing fields and nulls, equality
 * is numeric (1 == 1.0), and composite AND/OR nest freely.
 */
import { invalidArgument } from '../../model/errors.js';
import { getField } from '../documents/document.js';
import { isNameField, parseFieldPath, type FieldPath } from '../../model/fieldPath.js';
import type { Fields, Value } from '../../model/value.js';
import { compareValues, isNaNValue, queryEquals, typeOrder } from '../../model/valueOrder.js';
import type { FieldOperator, UnaryOperator } from '../../model/filterOperator.js';
import type { Filter } from './structuredQuery.js';

export interface MatchInput {
  /** Full resource name, the value of `__name__`. */
  name: string;
  fields: Fields;
}

export type Predicate = (doc: MatchInput) => boolean;

/** A single-field condition, the unit of DNF and of `list` rules. */
export interface SimpleFilter {
  field: FieldPath;
  op: FieldOperator | UnaryOperator;
  value?: Value;
}

const INEQUALITIES = new Set([
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'NOT_EQUAL',
  'NOT_IN',
  'IS_NOT_NAN',
  'IS_NOT_NULL',
]);
const MAX_DISJUNCTIONS = 30;
/** query.proto, NOT_IN: "a non-empty ArrayValue with at most 10 values". */
const MAX_NOT_IN_VALUES = 10;
/**
 * query.proto, NOT_IN: "No other OR, IN, ARRAY_CONTAINS_ANY, NOT_IN, NOT_EQUAL, IS_NOT_NULL, or
 * IS_NOT_NAN" in the query (a second NOT_IN and NOT_EQUAL have their own messages).
 */
const EXCLUDED_BY_NOT_IN: Record<string, string> = {
  IN: 'in',
  ARRAY_CONTAINS_ANY: 'array-contains-any',
  IS_NOT_NULL: '!= null',
  IS_NOT_NAN: '!= NaN',
};

export function isInequality(op: string): boolean {
  return INEQUALITIES.has(op);
}

export function fieldValue(doc: MatchInput, path: FieldPath): Value | undefined {
  return isNameField(path) ? { referenceValue: doc.name } : getField(doc.fields, path);
}

function arrayOperand(value: Value, op: string): Value[] {
  if (!('arrayValue' in value)) throw invalidArgument(`A '${op}' filter needs an array value.`);
  const values = value.arrayValue.values;
  if (values.length === 0) throw invalidArgument(`A '${op}' filter needs a non-empty array.`);
  const max = op === 'not-in' ? MAX_NOT_IN_VALUES : MAX_DISJUNCTIONS;
  if (values.length > max)
    throw invalidArgument(
      `A '${op}' filter supports up to ${max} comparison values; this one has ${values.length}.`,
    );
  return values;
}

function compileField(path: FieldPath, op: FieldOperator, operand: Value): Predicate {
  if (operand === undefined || operand === null)
    throw invalidArgument(`Filter on ${path.join('.')} has no value.`);
  const get = (doc: MatchInput): Value | undefined => fieldValue(doc, path);
  const range = (test: (c: number) => boolean): Predicate => {
    if (isNaNValue(operand) || 'nullValue' in operand) return () => false;
    const order = typeOrder(operand);
    return (doc) => {
      const v = get(doc);
      return (
        v !== undefined &&
        typeOrder(v) === order &&
        !isNaNValue(v) &&
        test(compareValues(v, operand))
      );
    };
  };
  switch (op) {
    case 'LESS_THAN':
      return range((c) => c < 0);
    case 'LESS_THAN_OR_EQUAL':
      return range((c) => c <= 0);
    case 'GREATER_THAN':
      return range((c) => c > 0);
    case 'GREATER_THAN_OR_EQUAL':
      return range((c) => c >= 0);
    case 'EQUAL':
      if (isNaNValue(operand))
        return (doc) => {
          const v = get(doc);
          return v !== undefined && isNaNValue(v);
        };
      return (doc) => {
        const v = get(doc);
        return v !== undefined && queryEquals(v, operand);
      };
    case 'NOT_EQUAL':
      return (doc) => {
        const v = get(doc);
        return (
          v !== undefined &&
          !('nullValue' in v) &&
          !(isNaNValue(operand) ? isNaNValue(v) : queryEquals(v, operand))
        );
      };
    case 'ARRAY_CONTAINS':
      return (doc) => {
        const v = get(doc);
        return (
          v !== undefined &&
          'arrayValue' in v &&
          v.arrayValue.values.some((e) => queryEquals(e, operand))
        );
      };
    case 'IN': {
      const values = arrayOperand(operand, 'in');
      return (doc) => {
        const v = get(doc);
        return v !== undefined && values.some((e) => queryEquals(v, e));
      };
    }
    case 'ARRAY_CONTAINS_ANY': {
      const values = arrayOperand(operand, 'array-contains-any');
      return (doc) => {
        const v = get(doc);
        return (
          v !== undefined &&
          'arrayValue' in v &&
          v.arrayValue.values.some((e) => values.some((x) => queryEquals(e, x)))
        );
      };
    }
    case 'NOT_IN': {
      const values = arrayOperand(operand, 'not-in');
      if (values.some((e) => 'nullValue' in e)) return () => false;
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !('nullValue' in v) && !values.some((e) => queryEquals(v, e));
      };
    }
    default:
      throw invalidArgument(`Unknown field filter operator: ${String(op)}`);
  }
}

function compileUnary(path: FieldPath, op: UnaryOperator): Predicate {
  const get = (doc: MatchInput): Value | undefined => fieldValue(doc, path);
  switch (op) {
    case 'IS_NAN':
      return (doc) => {
        const v = get(doc);
        return v !== undefined && isNaNValue(v);
      };
    case 'IS_NULL':
      return (doc) => {
        const v = get(doc);
        return v !== undefined && 'nullValue' in v;
      };
    case 'IS_NOT_NAN':
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !isNaNValue(v) && !('nullValue' in v);
      };
    case 'IS_NOT_NULL':
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !('nullValue' in v);
      };
    default:
      throw invalidArgument(`Unknown unary filter operator: ${String(op)}`);
  }
}

export function compileFilter(filter: Filter, depth = 0): Predicate {
  if (depth > 100) throw invalidArgument('Filter is nested too deeply.');
  if ('compositeFilter' in filter && filter.compositeFilter) {
    const { op, filters } = filter.compositeFilter;
    const parts = (filters ?? []).map((f) => compileFilter(f, depth + 1));
    if (op === 'AND') return (doc) => parts.every((p) => p(doc));
    if (op === 'OR') return (doc) => parts.some((p) => p(doc));
    throw invalidArgument(`Unknown composite filter operator: ${String(op)}`);
  }
  if ('fieldFilter' in filter && filter.fieldFilter) {
    const { field, op, value } = filter.fieldFilter;
    return compileField(parseFieldPath(field?.fieldPath), op, value);
  }
  if ('unaryFilter' in filter && filter.unaryFilter) {
    const { field, op } = filter.unaryFilter;
    return compileUnary(parseFieldPath(field?.fieldPath), op);
  }
  throw invalidArgument('A filter must be a composite, field or unary filter.');
}

/** The filter's conditions in disjunctive normal form (for `list` rules and query validation). */
export function toDnf(filter: Filter | undefined): SimpleFilter[][] {
  if (!filter) return [[]];
  if ('fieldFilter' in filter && filter.fieldFilter) {
    return [
      [
        {
          field: parseFieldPath(filter.fieldFilter.field?.fieldPath),
          op: filter.fieldFilter.op,
          value: filter.fieldFilter.value,
        },
      ],
    ];
  }
  if ('unaryFilter' in filter && filter.unaryFilter) {
    return [
      [{ field: parseFieldPath(filter.unaryFilter.field?.fieldPath), op: filter.unaryFilter.op }],
    ];
  }
  if ('compositeFilter' in filter && filter.compositeFilter) {
    const parts = (filter.compositeFilter.filters ?? []).map(toDnf);
    if (filter.compositeFilter.op === 'OR') return parts.flat();
    let result: SimpleFilter[][] = [[]];
    for (const part of parts) {
      const next: SimpleFilter[][] = [];
      for (const left of result) for (const right of part) next.push([...left, ...right]);
      result = next;
      if (result.length > 1024) throw invalidArgument('Filter has too many disjunctions.');
    }
    return result;
  }
  throw invalidArgument('A filter must be a composite, field or unary filter.');
}

/** Firestore's structural limits on filters, checked on the query's DNF. */
export function validateFilter(filter: Filter | undefined): SimpleFilter[][] {
  const dnf = toDnf(filter);
  let disjunctions = 0;
  const all = dnf.flat();
  for (const conjunct of dnf) {
    const ins = conjunct.filter((f) => f.op === 'IN' || f.op === 'ARRAY_CONTAINS_ANY');
    disjunctions += ins.reduce(
      (n, f) =>
        n *
        (f.value && 'arrayValue' in f.value ? Math.max(1, f.value.arrayValue.values.length) : 1),
      1,
    );
    if (
      conjunct.filter((f) => f.op === 'ARRAY_CONTAINS' || f.op === 'ARRAY_CONTAINS_ANY').length > 1
    ) {
      throw invalidArgument(
        'A query can have at most one array-contains or array-contains-any filter per disjunction.',
      );
    }
  }
  // A filter under an OR appears in several conjuncts: count filters, not appearances.
  if (new Set(all.filter((f) => f.op === 'NOT_IN')).size > 1)
    throw invalidArgument("A query can have at most one 'not-in' filter.");
  if (all.some((f) => f.op === 'NOT_IN')) {
    if (all.some((f) => f.op === 'NOT_EQUAL'))
      throw invalidArgument("A query cannot combine 'not-in' with '!=' filters.");
    const other = all.find((f) => Object.hasOwn(EXCLUDED_BY_NOT_IN, f.op));
    if (other)
      throw invalidArgument(
        `A query cannot combine 'not-in' with '${EXCLUDED_BY_NOT_IN[other.op]}' filters.`,
      );
    if (dnf.length > 1) throw invalidArgument("A query cannot combine 'not-in' with 'or'.");
  }
  if (dnf.length > 1 || disjunctions > 1) {
    if (Math.max(dnf.length, disjunctions) > MAX_DISJUNCTIONS)
      throw invalidArgument(
        `A query's filter can have at most ${MAX_DISJUNCTIONS} disjunctions in disjunctive normal form.`,
      );
  }
  return dnf;
}
