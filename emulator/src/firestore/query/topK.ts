/**
 * Adds `entry` to `kept`, which stays sorted by `compare` and holds at most `limit` entries: the
 * first `limit` in that order of all it was given, O(log limit) comparisons an entry. An entry
 * equal to one kept goes after it, so ties keep the order of arrival.
 */
export function insertBounded<T>(
  kept: T[],
  entry: T,
  limit: number,
  compare: (a: T, b: T) => number,
): void {
  if (kept.length >= limit && compare(entry, kept[kept.length - 1] as T) >= 0) return;
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(kept[mid] as T, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  kept.splice(lo, 0, entry);
  if (kept.length > limit) kept.pop();
}
