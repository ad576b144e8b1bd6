/**
 * The indexes of one database's current documents, per scope: a collection (`c:` + its path) or a
 * collection group (`g:` + the collection id, every collection with that id under any parent).
 * Each is built on first use (the query planner, ../query/indexPlan.ts, asks) and then kept up to
 * date by every change. An index is described by its fields (`IndexSpec`): for each, the field's
 * value, or, for an array-contains field, each distinct element of its array (one entry per
 * element). A document lacking a field, or with no element in an array-contains field, has no
 * entry. With no fields it is the name index: every document of the scope in name order.
 */
import type { StoredDocument } from '../documents/document.js';
import { getField } from '../documents/document.js';
import { formatFieldPath, type FieldPath } from '../../model/fieldPath.js';
import type { Value } from '../../model/value.js';
import { compareValues } from '../../model/valueOrder.js';
import { rankOf } from '../../model/valueRank.js';
import { collectionIdOf, parentOf } from '../../model/path.js';
import type { Micros } from './clock.js';
import { FieldIndex, idRank, type RankOf } from './fieldIndex.js';

export interface IndexField {
  path: FieldPath;
  /** An array-contains field: keyed by each distinct element. */
  contains: boolean;
}

export interface IndexSpec {
  fields: IndexField[];
}

/** A key: nothing (name index), one value (one field) or a tuple (several fields). */
export type IndexKey = Value | Value[] | null;

export type Scope = { group: false; collection: string } | { group: true; collectionId: string };

export function specId(spec: IndexSpec): string {
  return spec.fields.map((f) => `${f.contains ? '[]' : ''}${formatFieldPath(f.path)}`).join('|');
}

function scopeKey(scope: Scope): string {
  return scope.group ? `g:${scope.collectionId}` : `c:${scope.collection}`;
}

/** The part of a key for field `i` of `n`. */
export function keyPart(key: IndexKey, i: number, n: number): Value {
  return (n === 1 ? key : (key as Value[])[i]) as Value;
}

function compareTuples(a: IndexKey, b: IndexKey): number {
  const x = a as Value[];
  const y = b as Value[];
  for (let i = 0; i < x.length; i++) {
    const c = compareValues(x[i] as Value, y[i] as Value);
    if (c !== 0) return c;
  }
  return 0;
}

function comparatorOf(spec: IndexSpec): (a: IndexKey, b: IndexKey) => number {
  if (spec.fields.length === 0) return () => 0;
  if (spec.fields.length === 1) return (a, b) => compareValues(a as Value, b as Value);
  return compareTuples;
}

/**
 * A key's rank (valueRank.ts): its value's; a tuple's first value's, never exact (the other values
 * may differ); the name index's keys are all equal.
 */
function rankerOf(spec: IndexSpec): RankOf<IndexKey> {
  if (spec.fields.length === 0) return () => 0;
  if (spec.fields.length === 1) return (key) => rankOf(key as Value);
  return (key) => Math.floor(rankOf((key as Value[])[0] as Value)) + 0.5;
}

/** The distinct elements of an array value (by value order), or none. */
function elementsOf(value: Value | undefined): Value[] {
  if (value === undefined || !('arrayValue' in value)) return [];
  const values = value.arrayValue.values;
  if (values.length <= 1) return values;
  const distinct: Value[] = [];
  for (const v of values) if (!distinct.some((d) => compareValues(d, v) === 0)) distinct.push(v);
  return distinct;
}

/** A document's keys in an index: none, one, or one per element of an array-contains field. */
export function keysOf(spec: IndexSpec, doc: StoredDocument | null): IndexKey[] {
  if (!doc) return [];
  const { fields } = spec;
  if (fields.length === 0) return [null];
  if (fields.length === 1) {
    const field = fields[0] as IndexField;
    const value = getField(doc.fields, field.path);
    if (field.contains) return elementsOf(value);
    return value === undefined ? [] : [value];
  }
  let tuples: Value[][] = [[]];
  for (const field of fields) {
    const value = getField(doc.fields, field.path);
    const parts = field.contains ? elementsOf(value) : value === undefined ? [] : [value];
    if (parts.length === 0) return [];
    tuples =
      parts.length === 1
        ? tuples.map((t) => [...t, parts[0] as Value])
        : tuples.flatMap((t) => parts.map((p) => [...t, p]));
  }
  return tuples;
}

interface Built {
  spec: IndexSpec;
  compare: (a: IndexKey, b: IndexKey) => number;
  index: FieldIndex<IndexKey>;
}

interface ScopeIndexes {
  indexes: Map<string, Built>;
  /** The latest change to a document of the scope since its first index (or before it). */
  changed: Micros;
}

/** How the registry reads the current documents of a scope to build an index. */
export type ScopeReader = (scope: Scope) => Iterable<{ path: string; doc: StoredDocument }>;

export class FieldIndexes {
  private readonly scopes = new Map<string, ScopeIndexes>();
  /** The latest change time seen in the database. */
  private latest: Micros = 0;

  constructor(private readonly read: ScopeReader) {}

  /** The index of `spec` over a scope's current documents, built now if it is the first use. */
  index(scope: Scope, spec: IndexSpec): FieldIndex<IndexKey> {
    const key = scopeKey(scope);
    let indexes = this.scopes.get(key);
    if (!indexes) this.scopes.set(key, (indexes = { indexes: new Map(), changed: this.latest }));
    const id = specId(spec);
    const built = indexes.indexes.get(id);
    if (built) return built.index;
    const compare = comparatorOf(spec);
    const keys: IndexKey[] = [];
    const paths: string[] = [];
    for (const { path, doc } of this.read(scope)) {
      for (const k of keysOf(spec, doc)) {
        keys.push(k);
        paths.push(path);
      }
    }
    // Paths of one collection order as their ids; a group's paths differ in their parents too.
    const pathRank = scope.group ? undefined : idRank;
    const index = FieldIndex.of(compare, keys, paths, rankerOf(spec), pathRank);
    indexes.indexes.set(id, { spec, compare, index });
    return index;
  }

  /** The ids (`specId`) of the indexes built for a scope so far. */
  built(scope: Scope): string[] {
    return [...(this.scopes.get(scopeKey(scope))?.indexes.keys() ?? [])];
  }

  /**
   * Whether the scope's current documents are also those at `readTime`: no document of it changed
   * after that time (known exactly once the scope has an index; before, any change counts).
   */
  currentAt(scope: Scope, readTime: Micros): boolean {
    const changed = this.scopes.get(scopeKey(scope))?.changed ?? this.latest;
    return changed <= readTime;
  }

  /** Keeps every built index of the document's collection and collection group up to date. */
  apply(
    path: string,
    before: StoredDocument | null,
    after: StoredDocument | null,
    time: Micros,
  ): void {
    if (time > this.latest) this.latest = time;
    if (this.scopes.size === 0) return;
    this.update(this.scopes.get(`c:${parentOf(path)}`), path, before, after, time);
    this.update(this.scopes.get(`g:${collectionIdOf(path)}`), path, before, after, time);
  }

  private update(
    scope: ScopeIndexes | undefined,
    path: string,
    before: StoredDocument | null,
    after: StoredDocument | null,
    time: Micros,
  ): void {
    if (!scope) return;
    scope.changed = time;
    for (const { spec, compare, index } of scope.indexes.values()) {
      const old = keysOf(spec, before);
      const now = keysOf(spec, after);
      if (old.length === now.length && old.every((k, i) => compare(k, now[i] as IndexKey) === 0))
        continue;
      for (const k of old) index.remove(k, path);
      for (const k of now) index.insert(k, path);
    }
  }

  clear(): void {
    this.scopes.clear();
  }
}
