/**
 * A single-field index of one collection's current documents: entries (value, document path)
 * sorted by Firestore's value order, then path. Documents lacking the field have no entry. It
 * holds current data only; reads at a past read time do not use it.
 */
import type { Value } from '../../model/value.js';
import { compareValues } from '../../model/valueOrder.js';

export interface IndexEntry {
  value: Value;
  path: string;
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  const c = compareValues(a.value, b.value);
  if (c !== 0) return c;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export class FieldIndex {
  private readonly entries: IndexEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Position of the first entry not before `entry`. */
  private lowerBound(entry: IndexEntry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.entries[mid] as IndexEntry, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of the first entry whose value is not before `value` (any path). */
  private firstAtLeast(value: Value): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareValues((this.entries[mid] as IndexEntry).value, value) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position after the last entry whose value is not after `value`. */
  private afterAtMost(value: Value): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareValues((this.entries[mid] as IndexEntry).value, value) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(value: Value, path: string): void {
    const entry = { value, path };
    this.entries.splice(this.lowerBound(entry), 0, entry);
  }

  remove(value: Value, path: string): void {
    const at = this.lowerBound({ value, path });
    if (this.entries[at]?.path === path) {
      this.entries.splice(at, 1);
      return;
    }
    // Not where the order says (should not happen): find it by path so the index stays exact.
    const i = this.entries.findIndex((e) => e.path === path);
    if (i >= 0) this.entries.splice(i, 1);
  }

  /**
   * Entries with lower <= value <= upper in value order (either bound optional, both inclusive),
   * ascending or descending by value.
   */
  *range(
    lower: Value | undefined,
    upper: Value | undefined,
    descending: boolean,
  ): Generator<IndexEntry> {
    const from = lower === undefined ? 0 : this.firstAtLeast(lower);
    const to = upper === undefined ? this.entries.length : this.afterAtMost(upper);
    // Entries are read by position; callers must not write while iterating.
    if (descending) for (let i = to - 1; i >= from; i--) yield this.entries[i] as IndexEntry;
    else for (let i = from; i < to; i++) yield this.entries[i] as IndexEntry;
  }
}
