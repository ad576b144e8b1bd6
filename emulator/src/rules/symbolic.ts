/**
 * Reasoning about unknown values, for "queries are not filters": a `list` rule is judged with
 * `resource.data.<field>` bound to what the query's filters say about that field. A comparison
 * the filters imply is true (or false); anything else stays unknown, and unknown never allows.
 * Logic over unknowns is Kleene's: `false && unknown` is false, `true || unknown` is true.
 */
import type { QueryFilter } from './api.js';
import { compareOrdered } from './ordering.js';
import { fail } from './errors.js';
import {
  fromFirestoreValue,
  referenceToPath,
  RMap,
  RUnknown,
  valuesEqual,
  type RValue,
} from './values.js';

export const UNPROVEN = new RUnknown('false');

interface Bound {
  value: RValue;
  inclusive: boolean;
}

function bounds(filters: readonly QueryFilter[]): { lower: Bound | null; upper: Bound | null } {
  let lower: Bound | null = null;
  let upper: Bound | null = null;
  for (const f of filters) {
    if (!f.value) continue;
    const value = fromFirestoreValue(f.value);
    if (f.op === 'GREATER_THAN' || f.op === 'GREATER_THAN_OR_EQUAL') {
      const inclusive = f.op === 'GREATER_THAN_OR_EQUAL';
      const c = lower ? compareOrdered(value, lower.value) : 1;
      if (c === undefined) continue;
      if (c > 0 || (c === 0 && !inclusive)) lower = { value, inclusive };
    } else if (f.op === 'LESS_THAN' || f.op === 'LESS_THAN_OR_EQUAL') {
      const inclusive = f.op === 'LESS_THAN_OR_EQUAL';
      const c = upper ? compareOrdered(value, upper.value) : -1;
      if (c === undefined) continue;
      if (c < 0 || (c === 0 && !inclusive)) upper = { value, inclusive };
    }
  }
  return { lower, upper };
}

type Relation = '<' | '<=' | '>' | '>=';

/** `x <op> c` where x is constrained by `filters`: true, false, or unknown. */
function relate(filters: readonly QueryFilter[], op: Relation, c: RValue): boolean | RUnknown {
  const { lower, upper } = bounds(filters);
  // x > c is proven by lower bound L when L > c, or L == c and L is exclusive or op is >=.
  const above = (b: Bound | null, strict: boolean): boolean => {
    if (!b) return false;
    const k = compareOrdered(b.value, c);
    return k !== undefined && (k > 0 || (k === 0 && (!strict || !b.inclusive)));
  };
  const below = (b: Bound | null, strict: boolean): boolean => {
    if (!b) return false;
    const k = compareOrdered(b.value, c);
    return k !== undefined && (k < 0 || (k === 0 && (!strict || !b.inclusive)));
  };
  // x > c is proven by the lower bound and refuted by the upper (x <= c); x < c the other way.
  const strict = op === '>' || op === '<';
  const greater = op === '>' || op === '>=';
  if (greater ? above(lower, strict) : below(upper, strict)) return true;
  if (greater ? below(upper, !strict) : above(lower, !strict)) return false;
  return UNPROVEN;
}

const FLIP: Record<Relation, Relation> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function filtersOf(v: RValue): readonly QueryFilter[] {
  return v instanceof RUnknown ? v.filters : [];
}

/** The result of a relational operator when at least one side is unknown. */
export function symbolicRelation(
  op: Relation | '==' | '!=',
  a: RValue,
  b: RValue,
): boolean | RUnknown {
  if (a instanceof RUnknown && b instanceof RUnknown) return UNPROVEN;
  const [unknown, known, relation] =
    a instanceof RUnknown
      ? [a, b, op]
      : [b as RUnknown, a, op === '==' || op === '!=' ? op : FLIP[op]];
  const filters = filtersOf(unknown);
  if (relation === '==' || relation === '!=') {
    for (const f of filters) {
      const fv = f.value ? fromFirestoreValue(f.value) : undefined;
      if (f.op === 'NOT_EQUAL' && fv !== undefined && valuesEqual(fv, known))
        return relation === '!=';
      if (f.op === 'NOT_IN' && Array.isArray(fv) && fv.some((x) => valuesEqual(x, known)))
        return relation === '!=';
      if (f.op === 'IS_NOT_NULL' && known === null) return relation === '!=';
    }
    // Outside the filters' range the field can never equal the constant.
    const below = relate(filters, '<', known);
    const above = relate(filters, '>', known);
    if (below === true || above === true) return relation === '!=';
    return unknown.reason === 'false' ? UNPROVEN : unknown;
  }
  const r = relate(filters, relation, known);
  return r instanceof RUnknown && unknown.reason !== 'false' ? unknown : r;
}

/** `known in unknown`: proven when the query requires the array to contain `known`. */
export function symbolicContains(unknown: RUnknown, known: RValue): boolean | RUnknown {
  for (const f of unknown.filters) {
    if (f.op === 'ARRAY_CONTAINS' && f.value && valuesEqual(fromFirestoreValue(f.value), known))
      return true;
  }
  return unknown.reason === 'false' ? UNPROVEN : unknown;
}

/** `unknown is <type>`: a range or array filter implies the field's type. */
export function symbolicIs(unknown: RUnknown, type: string): boolean | RUnknown {
  for (const f of unknown.filters) {
    if (f.op === 'ARRAY_CONTAINS' && type === 'list') return true;
    if (
      f.value &&
      ['LESS_THAN', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL'].includes(f.op)
    ) {
      const v = fromFirestoreValue(f.value);
      const t =
        typeof v === 'string'
          ? 'string'
          : typeof v === 'bigint' || typeof v === 'number'
            ? 'number'
            : null;
      if (t !== null && t === type) return true;
    }
  }
  return unknown;
}

/**
 * `resource` (and nested maps of `resource.data`) of a document a query could return. A field
 * the query pins with `==` reads as that value; a field it only constrains reads as an unknown
 * carrying the filters; a field it does not mention is unknown, reported as undefined.
 */
export class SymbolicMap extends RMap {
  constructor(
    private readonly filters: readonly QueryFilter[],
    /** Field path of this map inside the document data; null for `resource` itself. */
    private readonly prefix: readonly string[] | null,
    /** Fields every result has although no filter mentions them: the query orders by them. */
    private readonly ordered: readonly (readonly string[])[] = [],
  ) {
    super();
  }

  get(key: string): RValue {
    if (this.prefix === null) {
      if (key === 'data') return new SymbolicMap(this.filters, [], this.ordered);
      // A document-id filter (`__name__ == ref`) pins the name and id.
      const name = this.filters.find(
        (f) =>
          f.op === 'EQUAL' &&
          samePath(f.field, ['__name__']) &&
          f.value &&
          'referenceValue' in f.value,
      );
      if (name?.value && 'referenceValue' in name.value) {
        const path = referenceToPath(name.value.referenceValue);
        if (key === '__name__') return path;
        if (key === 'id') return path.segments[path.segments.length - 1] ?? '';
      }
      return new RUnknown(`Property ${key} is undefined on object.`);
    }
    const path = [...this.prefix, key];
    const exact = this.filters.filter((f) => samePath(f.field, path));
    const equality = exact.find((f) => f.op === 'EQUAL' && f.value);
    if (equality?.value) return fromFirestoreValue(equality.value);
    // `where(field, '==', null)` and `== NaN` arrive as unary filters.
    if (exact.some((f) => f.op === 'IS_NULL')) return null;
    if (exact.some((f) => f.op === 'IS_NAN')) return NaN;
    if (exact.length > 0) return new RUnknown('false', exact);
    if (
      this.filters.some(
        (f) => f.field.length > path.length && samePath(f.field.slice(0, path.length), path),
      )
    ) {
      return new SymbolicMap(this.filters, path, this.ordered);
    }
    return new RUnknown(`Property ${key} is undefined on object.`);
  }

  /** `key in resource.data`: proven when the query filters on the field (filters imply presence). */
  hasKey(key: string): boolean | RUnknown {
    if (this.prefix === null) return key === 'data' || key === 'id' || key === '__name__';
    const path = [...this.prefix, key];
    // Every filter, even `== null` and `!=`, and every orderBy only returns documents that have the field.
    const fields = [...this.filters.map((f) => f.field), ...this.ordered];
    if (fields.some((f) => f.length >= path.length && samePath(f.slice(0, path.length), path)))
      return true;
    return UNPROVEN;
  }

  keys(): string[] {
    return fail('false');
  }
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
