/**
 * The documents of one database with their recent history (multi-version), so that reads at a
 * past read time and read-only transactions see a consistent snapshot. Versions older than the
 * retention window are dropped, except each document's latest.
 */
import type { StoredDocument } from '../documents/document.js';
import { lastSegment, parentOf, type DatabaseId } from '../../model/path.js';
import type { Micros } from './clock.js';
import { FieldIndexes, type Scope } from './fieldIndexes.js';

interface Version {
  time: Micros;
  doc: StoredDocument | null;
}

export interface DocumentChange {
  path: string;
  before: StoredDocument | null;
  after: StoredDocument | null;
}

/** How far back read times may reach: Firestore accepts read times up to one hour old. */
const RETENTION_MICROS = 60 * 60 * 1e6;

export class DocumentStore {
  private readonly versions = new Map<string, Version[]>();
  /** Collection path → paths of documents ever written in it (existing or deleted). */
  private readonly collections = new Map<string, Set<string>>();
  /** Indexes of current data per collection and collection group, built on first use. */
  readonly indexes = new FieldIndexes((scope) => this.scopeDocuments(scope));

  constructor(readonly id: DatabaseId) {}

  get(path: string, readTime?: Micros): StoredDocument | null {
    const chain = this.versions.get(path);
    if (!chain) return null;
    if (readTime === undefined) return (chain[chain.length - 1] as Version).doc;
    for (let i = chain.length - 1; i >= 0; i--) {
      const version = chain[i] as Version;
      if (version.time <= readTime) return version.doc;
    }
    return null;
  }

  /** The time of the document's latest change (0 if never written). */
  lastChanged(path: string): Micros {
    const chain = this.versions.get(path);
    return chain ? (chain[chain.length - 1] as Version).time : 0;
  }

  apply(changes: DocumentChange[], time: Micros): void {
    for (const change of changes) {
      let chain = this.versions.get(change.path);
      if (!chain) {
        chain = [];
        this.versions.set(change.path, chain);
        const collection = parentOf(change.path);
        let members = this.collections.get(collection);
        if (!members) this.collections.set(collection, (members = new Set()));
        members.add(change.path);
      }
      const previous = chain.length > 0 ? (chain[chain.length - 1] as Version).doc : null;
      this.indexes.apply(change.path, previous, change.after, time);
      // A chain's first version makes it: `[]` then push would reserve 17 slots (~150 bytes) per document.
      if (chain.length === 0)
        this.versions.set(change.path, (chain = [{ time, doc: change.after }]));
      else chain.push({ time, doc: change.after });
      this.prune(chain, time);
    }
  }

  private prune(chain: Version[], now: Micros): void {
    let drop = 0;
    while (drop < chain.length - 1 && (chain[drop + 1] as Version).time < now - RETENTION_MICROS)
      drop++;
    if (drop > 0) chain.splice(0, drop);
  }

  /** Documents directly in one collection. */
  *inCollection(collectionPath: string, readTime?: Micros): Generator<StoredDocument> {
    const members = this.collections.get(collectionPath);
    if (!members) return;
    for (const path of members) {
      const doc = this.get(path, readTime);
      if (doc) yield doc;
    }
  }

  /** The current documents of an index scope, with their store paths. */
  private *scopeDocuments(scope: Scope): Generator<{ path: string; doc: StoredDocument }> {
    const collections = scope.group
      ? [...this.collections].filter(
          ([collection]) => lastSegment(collection) === scope.collectionId,
        )
      : [[scope.collection, this.collections.get(scope.collection) ?? new Set<string>()] as const];
    for (const [, members] of collections) {
      for (const path of members) {
        const doc = this.get(path);
        if (doc) yield { path, doc };
      }
    }
  }

  /** The current document at a store path (for index lookups). */
  current(path: string): StoredDocument | null {
    return this.get(path);
  }

  /** Documents anywhere under `parentPath` ('' for the whole database), optionally in collections with one id. */
  *descendants(
    parentPath: string,
    collectionId: string | undefined,
    readTime?: Micros,
  ): Generator<StoredDocument> {
    const prefix = parentPath === '' ? '' : `${parentPath}/`;
    for (const [collection, members] of this.collections) {
      if (prefix !== '' && !collection.startsWith(prefix)) continue;
      if (
        collectionId !== undefined &&
        collectionId !== '' &&
        lastSegment(collection) !== collectionId
      )
        continue;
      for (const path of members) {
        const doc = this.get(path, readTime);
        if (doc) yield doc;
      }
    }
  }

  /** Ids of the collections directly under a document (or the root) that hold any document. */
  collectionIds(parentPath: string, readTime?: Micros): string[] {
    const prefix = parentPath === '' ? '' : `${parentPath}/`;
    const ids = new Set<string>();
    for (const [collection, members] of this.collections) {
      if (!collection.startsWith(prefix)) continue;
      const id = collection.slice(prefix.length).split('/')[0] as string;
      if (ids.has(id)) continue;
      for (const path of members) {
        if (this.get(path, readTime)) {
          ids.add(id);
          break;
        }
      }
    }
    return [...ids];
  }

  /** Paths of documents in `collectionPath` that do not exist but have descendants (ListDocuments showMissing). */
  missingWithChildren(collectionPath: string, readTime?: Micros): string[] {
    const prefix = `${collectionPath}/`;
    const missing = new Set<string>();
    for (const [collection, members] of this.collections) {
      if (!collection.startsWith(prefix)) continue;
      const id = collection.slice(prefix.length).split('/')[0] as string;
      const docPath = `${prefix}${id}`;
      if (missing.has(docPath) || this.get(docPath, readTime)) continue;
      for (const path of members) {
        if (this.get(path, readTime)) {
          missing.add(docPath);
          break;
        }
      }
    }
    return [...missing];
  }

  /**
   * Every existing document, as of now: writes, clears and replacements after the call do not
   * change the array (documents are never modified in place), so an export can be written out
   * while commits go on and still be the data of one moment.
   */
  all(): StoredDocument[] {
    const documents: StoredDocument[] = [];
    for (const chain of this.versions.values()) {
      const doc = (chain[chain.length - 1] as Version).doc;
      if (doc) documents.push(doc);
    }
    return documents;
  }

  /** Deletes everything; returns what existed so listeners can be told. */
  clear(): DocumentChange[] {
    const changes: DocumentChange[] = [];
    for (const [path, chain] of this.versions) {
      const doc = (chain[chain.length - 1] as Version).doc;
      if (doc) changes.push({ path, before: doc, after: null });
    }
    this.versions.clear();
    this.collections.clear();
    this.indexes.clear();
    return changes;
  }
}
