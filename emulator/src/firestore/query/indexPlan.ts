/**
 * Chooses how a query reads its candidates: from indexes of its scope (store/fieldIndexes.ts) or
 * by a scan. An index only narrows the candidates to a superset of the results; runQuery still
 * filters, orders and pages them with the same code as a scan, so the results cannot differ.
 *
 * Each branch of the filter's disjunctive normal form (one for a query without OR, `in` or
 * `array-contains-any` under an OR) is planned on its own and the branches' candidates are
 * merged without duplicates. For a branch, every index that could serve it is costed by counting
 * its entries between the bounds (a binary search per range) and the cheapest is read:
 *
 * - the automatic single-field indexes of each filtered or ordered field, by value or (for
 *   `array-contains`, `array-contains-any`) by array element, unless a field override in
 *   firestore.indexes.json replaces them; without an override a field has them in both scopes
 *   (collection and collection group), as if the query's index had been declared;
 * - the composite indexes declared for the collection id and scope, whose every field the branch
 *   filters or orders (a document lacking one has no entry);
 * - the name index (every document in name order) for `__name__` bounds or a name-ordered limit.
 *
 * An index is read as streams: its leading fields held to single values (`==`, `in`, the
 * elements of `array-contains(-any)`; one stream per combination), then the next field, or the
 * name when none is left, between the bounds of its filters (`!=` and `not-in` split it around
 * the excluded values; range filters stay in their operand's type class) and of the first cursor.
 * A stream whose walked field is the query's first order field (after fields held constant) is
 * read in the query's direction and, with a limit, stops after offset + limit matches once that
 * field's value changes. Everything else scans: kindless queries (all collections), and reads at
 * a past read time when the scope changed since (indexes hold current data only).
 */
import {
  formatFieldPath,
  isNameField,
  parseFieldPath,
  type FieldPath,
} from '../../model/fieldPath.js';
import type { Value } from '../../model/value.js';
import { compareValues } from '../../model/valueOrder.js';
import { databaseRoot } from '../../model/path.js';
import type { Micros } from '../store/clock.js';
import type { FieldIndex, IndexRange } from '../store/fieldIndex.js';
import {
  keyPart,
  type FieldIndexes,
  type IndexKey,
  type IndexSpec,
  type Scope,
} from '../store/fieldIndexes.js';
import type { QueryPlan } from './plan.js';
import type { SimpleFilter } from './filter.js';
import {
  elementsOf,
  EVERY_VALUE,
  fromCursor,
  intersect,
  isEvery,
  pointsOf,
  relate,
  valuesOf,
  type Interval,
  type ValueSet,
} from './valueRanges.js';

type QueryScope = 'COLLECTION' | 'COLLECTION_GROUP';
type Kind = { order: 'ASCENDING' | 'DESCENDING' } | { arrayConfig: 'CONTAINS' };

/**
 * The declared indexes the planner may build and the field overrides it honours: the part of
 * firestore.indexes.json (indexes/indexConfig.ts) that it reads.
 */
export interface IndexCatalog {
  indexes: {
    collectionGroup: string;
    queryScope: QueryScope;
    fields: ({ fieldPath: string } & Kind)[];
  }[];
  fieldOverrides: {
    collectionGroup: string;
    fieldPath: string;
    indexes: ({ queryScope: QueryScope } & Kind)[];
  }[];
}

/** The entry of firestore.indexes.json's fieldOverrides for a field, if it has one. */
export function fieldOverrideOf<Override extends IndexCatalog['fieldOverrides'][number]>(
  overrides: readonly Override[],
  collectionGroup: string,
  fieldPath: string,
): Override | undefined {
  return overrides.find((o) => o.collectionGroup === collectionGroup && o.fieldPath === fieldPath);
}

/** One ordered read of an index: its ranges, walked in order. */
export interface Stream {
  ranges: IndexRange[];
  descending: boolean;
  /** Entries' count in the ranges. */
  count: number;
}

export interface Branch {
  spec: IndexSpec;
  index: FieldIndex<IndexKey>;
  streams: Stream[];
  /** The key part walked in the query's order (its value change ends a limited read), or -1 for the name. */
  walked: number;
  /** Whether the streams follow the query's order, so that a limit may end them early. */
  ordered: boolean;
  cost: number;
}

export type IndexChoice =
  { kind: 'scan' } | { kind: 'index'; scope: Scope; branches: Branch[]; stopAfter?: number };

const SCAN: IndexChoice = { kind: 'scan' };
/** More point combinations than this and the field is read as ranges instead. */
const MAX_STREAMS = 128;
const NAME = '__name__';

interface Constraint {
  path: FieldPath;
  values: ValueSet;
  /** Elements an array-contains(-any) filter asks for. */
  elements?: ValueSet;
  /**
   * Whether anything but array-contains(-any) constrains or orders the field: only then may its
   * whole-value index serve (array-contains alone is better served by the element index, and a
   * value index built for it would be kept up to date by every later write for nothing).
   */
  byValue: boolean;
}

const keyOf = (path: FieldPath): string => (isNameField(path) ? NAME : formatFieldPath(path));

function constraintsOf(plan: QueryPlan, conjunct: SimpleFilter[]): Map<string, Constraint> {
  const constraints = new Map<string, Constraint>();
  const of = (path: FieldPath): Constraint => {
    const key = keyOf(path);
    let c = constraints.get(key);
    if (!c) constraints.set(key, (c = { path, values: EVERY_VALUE, byValue: false }));
    return c;
  };
  for (const filter of conjunct) {
    const c = of(filter.field);
    c.values = intersect(c.values, valuesOf(filter));
    const elements = elementsOf(filter);
    if (elements) c.elements = c.elements ? intersect(c.elements, elements) : elements;
    else c.byValue = true;
  }
  // findNearest keeps what its filters keep, whatever the order fields.
  if (plan.nearest) return constraints;
  // Ordered fields must exist; the first is bounded by the cursors' first values.
  for (const term of plan.orderBy) of(term.field).byValue = true;
  const first = plan.orderBy[0];
  if (first) {
    const c = of(first.field);
    const start = plan.startAt?.values[0];
    const end = plan.endAt?.values[0];
    if (start) c.values = intersect(c.values, fromCursor(start, !first.descending));
    if (end) c.values = intersect(c.values, fromCursor(end, first.descending));
  }
  return constraints;
}

/** Whether the index config leaves a field an automatic single-field index of this kind. */
function hasSingleField(
  config: IndexCatalog,
  collectionGroup: string,
  scope: QueryScope,
  fieldPath: string,
  contains: boolean,
): boolean {
  const override = fieldOverrideOf(config.fieldOverrides, collectionGroup, fieldPath);
  if (!override) return true;
  return override.indexes.some(
    (index) => index.queryScope === scope && (contains ? 'arrayConfig' in index : 'order' in index),
  );
}

/** The indexes that could serve a branch: every field of each is filtered or ordered. */
function candidateSpecs(
  plan: QueryPlan,
  constraints: Map<string, Constraint>,
  config: IndexCatalog,
): IndexSpec[] {
  const scope: QueryScope = plan.allDescendants ? 'COLLECTION_GROUP' : 'COLLECTION';
  const specs: IndexSpec[] = [{ fields: [] }];
  for (const [key, c] of constraints) {
    if (key === NAME) continue;
    const byElement =
      c.elements !== undefined && hasSingleField(config, plan.collectionId, scope, key, true);
    // With the element index at hand, the value index serves only a value filter or an order.
    if ((c.byValue || !byElement) && hasSingleField(config, plan.collectionId, scope, key, false))
      specs.push({ fields: [{ path: c.path, contains: false }] });
    if (byElement) specs.push({ fields: [{ path: c.path, contains: true }] });
  }
  for (const declared of config.indexes) {
    if (declared.collectionGroup !== plan.collectionId || declared.queryScope !== scope) continue;
    const fields = [...declared.fields];
    // Every index ends with the name; a declared trailing __name__ says only its direction.
    if (fields.at(-1)?.fieldPath === NAME) fields.pop();
    if (fields.some((f) => f.fieldPath === NAME)) continue;
    const covered = fields.every((f) => {
      const c = constraints.get(f.fieldPath);
      return c !== undefined && ('arrayConfig' in f ? c.elements !== undefined : true);
    });
    if (!covered || fields.length < 2) continue;
    specs.push({
      fields: fields.map((f) => ({
        path: parseFieldPath(f.fieldPath),
        contains: 'arrayConfig' in f,
      })),
    });
  }
  return specs;
}

interface Shape {
  spec: IndexSpec;
  /** Values of the leading point fields, one combination per stream. */
  combos: Value[][];
  /** The walked field's number (fields.length: the name). */
  walked: number;
  set: ValueSet;
  ordered: boolean;
  descending: boolean;
}

function shapeOf(
  plan: QueryPlan,
  spec: IndexSpec,
  constraints: Map<string, Constraint>,
  constants: Set<string>,
): Shape {
  const { fields } = spec;
  let combos: Value[][] = [[]];
  let walked = 0;
  const fixed = new Set(constants);
  for (; walked < fields.length; walked++) {
    const field = fields[walked] as IndexSpec['fields'][number];
    const c = constraints.get(keyOf(field.path)) as Constraint;
    const points = pointsOf(field.contains ? (c.elements as ValueSet) : c.values);
    if (!points || combos.length * points.length > MAX_STREAMS) break;
    combos = combos.flatMap((combo) => points.map((p) => [...combo, p]));
    if (!field.contains) fixed.add(keyOf(field.path));
  }
  const field = fields[walked];
  const set = field
    ? field.contains
      ? ((constraints.get(keyOf(field.path)) as Constraint).elements as ValueSet)
      : (constraints.get(keyOf(field.path)) as Constraint).values
    : (constraints.get(NAME)?.values ?? EVERY_VALUE);
  const term = plan.orderBy.find((t) => !fixed.has(keyOf(t.field)));
  const ordered =
    term !== undefined &&
    (field ? !field.contains && keyOf(term.field) === keyOf(field.path) : isNameField(term.field));
  return { spec, combos, walked, set, ordered, descending: ordered && term.descending };
}

function testOf(
  shape: Shape,
  combo: Value[],
  interval: Interval,
  root: string,
): (key: IndexKey, path: string) => number {
  const n = shape.spec.fields.length;
  const walked = shape.walked;
  const open = !interval.lo && !interval.hi;
  return (key, path) => {
    for (let j = 0; j < walked; j++) {
      const c = compareValues(keyPart(key, j, n), combo[j] as Value);
      if (c !== 0) return c;
    }
    if (open) return 0;
    if (walked === n) return relate({ referenceValue: `${root}/${path}` }, interval);
    return relate(keyPart(key, walked, n), interval);
  };
}

function planBranch(
  plan: QueryPlan,
  conjunct: SimpleFilter[],
  indexes: FieldIndexes,
  scope: Scope,
  stopAfter: number | undefined,
): Branch | undefined {
  const constraints = constraintsOf(plan, conjunct);
  const constants = new Set<string>();
  for (const [key, c] of constraints) if (pointsOf(c.values)?.length === 1) constants.add(key);
  const root = databaseRoot(plan.db);
  const options: Branch[] = [];
  for (const spec of candidateSpecs(plan, constraints, plan.indexes ?? NO_CONFIG)) {
    const shape = shapeOf(plan, spec, constraints, constants);
    // An index read whole, unordered or without a limit, is no better than a scan.
    const narrows = shape.walked > 0 || !isEvery(shape.set);
    if (!narrows && !(shape.ordered && stopAfter !== undefined)) continue;
    const index = indexes.index(scope, spec);
    const intervals = shape.descending ? [...shape.set].reverse() : shape.set;
    const streams: Stream[] = shape.combos.map((combo) => {
      const ranges = intervals.map((interval) => index.range(testOf(shape, combo, interval, root)));
      return {
        ranges,
        descending: shape.descending,
        count: ranges.reduce((n, r) => n + r.count, 0),
      };
    });
    const walked = shape.walked === spec.fields.length ? -1 : shape.walked;
    const count = streams.reduce((n, s) => n + s.count, 0);
    options.push({ spec, index, streams, walked, ordered: shape.ordered, cost: count });
  }
  if (options.length === 0) return undefined;
  // A limited read in the query's order stops early: after about limit × (entries / matches)
  // entries, the smallest count standing in for the matches.
  const fewest = Math.max(1, Math.min(...options.map((o) => o.cost)));
  let best: Branch | undefined;
  for (const option of options) {
    if (option.ordered && stopAfter !== undefined)
      option.cost = Math.min(
        option.cost,
        Math.ceil((option.streams.length * stopAfter * option.cost) / fewest),
      );
    if (!best || option.cost < best.cost) best = option;
  }
  return best;
}

const NO_CONFIG: IndexCatalog = { indexes: [], fieldOverrides: [] };

/** The query's scope as an index scope, or undefined for a kindless query. */
export function scopeOf(plan: QueryPlan): Scope | undefined {
  if (plan.collectionId === '') return undefined;
  if (plan.allDescendants) return { group: true, collectionId: plan.collectionId };
  const collection =
    plan.parentPath === '' ? plan.collectionId : `${plan.parentPath}/${plan.collectionId}`;
  return { group: false, collection };
}

/**
 * How to read a query's candidates. `readTime` set means a read of the past: the indexes serve
 * it only when nothing in the scope changed after it.
 */
export function chooseIndex(
  plan: QueryPlan,
  indexes: FieldIndexes,
  readTime?: Micros,
): IndexChoice {
  const scope = scopeOf(plan);
  if (!scope) return SCAN;
  if (readTime !== undefined && !indexes.currentAt(scope, readTime)) return SCAN;
  const stopAfter = plan.limit === undefined || plan.nearest ? undefined : plan.offset + plan.limit;
  const branches: Branch[] = [];
  for (const conjunct of plan.dnf.length > 0 ? plan.dnf : [[]]) {
    const branch = planBranch(plan, conjunct, indexes, scope, stopAfter);
    if (!branch) return SCAN;
    branches.push(branch);
  }
  const choice: IndexChoice = { kind: 'index', scope, branches };
  if (stopAfter !== undefined) choice.stopAfter = stopAfter;
  return choice;
}
