/** Runs a query plan over a store snapshot: scope, filter, order, cursors, offset, limit. */
import type { StoredDocument } from '../model/document.js';
import { collectionIdOf, parentOf } from '../model/path.js';
import type { Micros } from '../store/clock.js';
import type { DocumentStore } from '../store/document_store.js';
import { compareByOrder, hasOrderFields, withinCursors, type QueryPlan } from './plan.js';

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

export function candidates(plan: QueryPlan, store: DocumentStore, readTime?: Micros): Iterable<StoredDocument> {
  return plan.allDescendants
    ? store.descendants(plan.parentPath, plan.collectionId, readTime)
    : store.inCollection(joinCollection(plan), readTime);
}

export function runQuery(plan: QueryPlan, store: DocumentStore, readTime?: Micros): StoredDocument[] {
  const matches: StoredDocument[] = [];
  for (const doc of candidates(plan, store, readTime)) {
    if (matchesPlan(plan, doc)) matches.push(doc);
  }
  matches.sort((a, b) => compareByOrder(plan, a, b));
  const end = plan.limit === undefined ? undefined : plan.offset + plan.limit;
  return plan.offset === 0 && end === undefined ? matches : matches.slice(plan.offset, end);
}
