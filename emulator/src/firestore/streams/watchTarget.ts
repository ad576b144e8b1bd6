/**
 * One Listen target (a query or a set of documents) and the documents it currently holds; turns
 * each commit's changes into document changes, deletes and removes for this target.
 */
import type { StoredDocument } from '../documents/document.js';
import type { QueryPlan } from '../query/plan.js';
import { inScope, matchesPlan, runQuery } from '../query/runQuery.js';
import type { Micros } from '../store/clock.js';
import type { DocumentChange, DocumentStore } from '../store/documentStore.js';

export type TargetSpec =
  { kind: 'query'; plan: QueryPlan } | { kind: 'documents'; paths: string[] };

export interface TargetDelta {
  changed: StoredDocument[];
  /** Paths that left the target: deleted (true) or no longer matching (false). */
  removed: { path: string; name: string; deleted: boolean }[];
}

export class WatchTarget {
  /** Path → update time (micros as ISO-free key) of the version the client holds. */
  private members = new Map<string, StoredDocument>();

  constructor(
    readonly targetId: number,
    readonly spec: TargetSpec,
  ) {}

  private result(store: DocumentStore, readTime?: Micros): Map<string, StoredDocument> {
    const result = new Map<string, StoredDocument>();
    if (this.spec.kind === 'documents') {
      for (const path of this.spec.paths) {
        const doc = store.get(path, readTime);
        if (doc) result.set(path, doc);
      }
    } else {
      for (const doc of runQuery(this.spec.plan, store, readTime)) result.set(pathOf(doc), doc);
    }
    return result;
  }

  /**
   * Starts the target: what the client holds is the result at `resumeTime` (nothing for a fresh
   * target); the delta brings it to the present.
   */
  /** How many documents the target holds now. */
  get size(): number {
    return this.members.size;
  }

  start(store: DocumentStore, resumeTime?: Micros): TargetDelta {
    const held =
      resumeTime === undefined ? new Map<string, StoredDocument>() : this.result(store, resumeTime);
    this.members = this.result(store);
    return diff(held, this.members);
  }

  update(store: DocumentStore, changes: DocumentChange[]): TargetDelta | null {
    if (!changes.some((c) => this.concerns(c.path))) return null;
    if (
      this.spec.kind === 'query' &&
      (this.spec.plan.limit !== undefined || this.spec.plan.offset > 0)
    ) {
      const next = this.result(store);
      const delta = diff(this.members, next);
      this.members = next;
      return delta.changed.length > 0 || delta.removed.length > 0 ? delta : null;
    }
    const delta: TargetDelta = { changed: [], removed: [] };
    for (const change of changes) {
      if (!this.concerns(change.path)) continue;
      const after = change.after;
      const matches =
        after !== null && (this.spec.kind === 'documents' || matchesPlan(this.spec.plan, after));
      if (matches) {
        this.members.set(change.path, after);
        delta.changed.push(after);
      } else if (this.members.delete(change.path)) {
        delta.removed.push({
          path: change.path,
          name: (change.before as StoredDocument).name,
          deleted: after === null,
        });
      }
    }
    return delta.changed.length > 0 || delta.removed.length > 0 ? delta : null;
  }

  private concerns(path: string): boolean {
    return this.spec.kind === 'documents'
      ? this.spec.paths.includes(path)
      : inScope(this.spec.plan, path);
  }
}

function pathOf(doc: StoredDocument): string {
  return doc.name.slice(doc.name.indexOf('/documents/') + '/documents/'.length);
}

function diff(held: Map<string, StoredDocument>, next: Map<string, StoredDocument>): TargetDelta {
  const delta: TargetDelta = { changed: [], removed: [] };
  for (const [path, doc] of next) {
    if (held.get(path) !== doc) delta.changed.push(doc);
  }
  for (const [path, doc] of held) {
    if (!next.has(path)) delta.removed.push({ path, name: doc.name, deleted: false });
  }
  return delta;
}
