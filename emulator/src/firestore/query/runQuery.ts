/** Runs a query plan over a store snapshot: scope, filter, order, cursors, offset, limit. */
import type { StoredDocument } from '../documents/document.js';
import { collectionIdOf, parentOf } from '../../model/path.js';
import type { Micros } from '../store/clock.js';
import type { DocumentStore } from '../store/documentStore.js';
import { hasOrderFields, withinCursors, type QueryPlan } from './plan.js';
import { fieldValue } from './filter.js';
import type { Value } from '../../model/value.js';
import { compareValues } from '../../model/valueOrder.js';
import { runNearest } from './vectorSearch.js';
import { chooseIndex } from './indexPlan.js';
import { keyPart } from '../store/fieldIndexes.js';
import { insertBounded } from './topK.js';

/** Whether a document (by store path) lies in the query's collection scope. */
export function inScope(plan: QueryPlan, path: string): boolean {
  if (!plan.allDescendants) return parentOf(path) === joinCollection(plan);
  if (plan.parentPath !== '' && !path.startsWith(`${plan.parentPath}/`)) return false;
  return plan.collectionId === '' || collectionIdOf(path) === plan.collectionId;
}

function joinCollection(plan: QueryPlan): string {
  return plan.parentPath === '' ? plan.collectionId : `${plan.parentPath}/${plan.collectionId}`;
}

/** Whether a document in scope satisfies the filter, the order fields and the cursors (not offset/limit). */
export function matchesPlan(plan: QueryPlan, doc: StoredDocument): boolean {
  return plan.predicate(doc) && hasOrderFields(plan, doc) && withinCursors(plan, doc);
}

export function candidates(
  plan: QueryPlan,
  store: DocumentStore,
  readTime?: Micros,
): Iterable<StoredDocument> {
  return plan.allDescendants
    ? store.descendants(plan.parentPath, plan.collectionId, readTime)
    : store.inCollection(joinCollection(plan), readTime);
}

/** The candidates that the query's filters keep (findNearest's pre-filter). */
function* filtered(plan: QueryPlan, docs: Iterable<StoredDocument>) {
  for (const doc of docs) if (plan.predicate(doc)) yield doc;
}

/**
 * The candidates runQuery orders: a superset of the results, read from the indexes indexPlan.ts
 * chooses (each document once), else every document in scope.
 */
export function* plannedCandidates(
  plan: QueryPlan,
  store: DocumentStore,
  readTime?: Micros,
): Generator<StoredDocument> {
  const choice = chooseIndex(plan, store.indexes, readTime);
  if (choice.kind === 'scan') {
    yield* candidates(plan, store, readTime);
    return;
  }
  // A collection group under a document: its index holds the group's documents everywhere.
  const everywhere = plan.allDescendants && plan.parentPath !== '';
  const streams = choice.branches.reduce((n, b) => n + b.streams.length, 0);
  const seen = streams > 1 ? new Set<string>() : undefined;
  for (const branch of choice.branches) {
    const n = branch.spec.fields.length;
    for (const stream of branch.streams) {
      const stopAfter = branch.ordered ? choice.stopAfter : undefined;
      let matched = 0;
      let boundary: Value | undefined;
      read: for (const range of stream.ranges) {
        for (const entry of branch.index.entries(range, stream.descending)) {
          // Past the value of the last needed match: the rest sorts after enough matches.
          if (
            boundary !== undefined &&
            compareValues(keyPart(entry.key, branch.walked, n), boundary) !== 0
          )
            break read;
          if (everywhere && !inScope(plan, entry.path)) continue;
          const doc = store.current(entry.path);
          if (!doc) continue;
          if (!seen?.has(entry.path)) {
            seen?.add(entry.path);
            yield doc;
          }
          if (stopAfter === undefined || !matchesPlan(plan, doc) || ++matched < stopAfter) continue;
          if (branch.walked < 0) break read;
          boundary = keyPart(entry.key, branch.walked, n);
        }
      }
    }
  }
}

interface Keyed {
  doc: StoredDocument;
  key: Value[];
}

/**
 * findNearest's results (vectorSearch.ts), or else matches sorted by the plan's order. With a limit only the first offset + limit are kept, in a
 * bounded sorted buffer, so a small page of a large collection costs O(n log k), not a full sort.
 */
export function runQuery(
  plan: QueryPlan,
  store: DocumentStore,
  readTime?: Micros,
): StoredDocument[] {
  return resultsOf(plan, plannedCandidates(plan, store, readTime));
}

/** runQuery over every document in scope, never an index: the reference the planner is tested against. */
export function runQueryByScan(
  plan: QueryPlan,
  store: DocumentStore,
  readTime?: Micros,
): StoredDocument[] {
  return resultsOf(plan, candidates(plan, store, readTime));
}

function resultsOf(plan: QueryPlan, docs: Iterable<StoredDocument>): StoredDocument[] {
  if (plan.nearest) return runNearest(plan.nearest, filtered(plan, docs), plan.limit);
  const directions = plan.orderBy.map((o) => (o.descending ? -1 : 1));
  const compare = (a: Keyed, b: Keyed): number => {
    for (let i = 0; i < directions.length; i++) {
      const c = compareValues(a.key[i] as Value, b.key[i] as Value);
      if (c !== 0) return c * (directions[i] as number);
    }
    return 0;
  };
  const keep = plan.limit === undefined ? Infinity : plan.offset + plan.limit;
  // limit: 0 asks for nothing (query.proto: "Must be >= 0 if specified").
  if (keep === 0) return [];
  const kept: Keyed[] = [];
  for (const doc of docs) {
    if (!matchesPlan(plan, doc)) continue;
    const entry = { doc, key: plan.orderBy.map((o) => fieldValue(doc, o.field) as Value) };
    if (keep === Infinity) {
      kept.push(entry);
      continue;
    }
    insertBounded(kept, entry, keep, compare);
  }
  if (keep === Infinity) kept.sort(compare);
  return kept.slice(plan.offset).map((k) => k.doc);
}
