/** Methods of list, map, set and MapDiff. */
import { fail, undefinedProperty } from '../errors.js';
import { EagerMap, RMap, RMapDiff, RSet, valuesEqual, type RValue } from '../values.js';
import { arity, itemsArg, listArg, stringArg, type Method } from './args.js';

function includes(items: readonly RValue[], v: RValue): boolean {
  for (const x of items) if (valuesEqual(x, v)) return true;
  return false;
}

function hasAll(self: readonly RValue[], other: readonly RValue[]): boolean {
  return other.every((x) => includes(self, x));
}

function hasAny(self: readonly RValue[], other: readonly RValue[]): boolean {
  return other.some((x) => includes(self, x));
}

function hasOnly(self: readonly RValue[], other: readonly RValue[]): boolean {
  return self.every((x) => includes(other, x));
}

export const listMethods: Record<string, Method<readonly RValue[]>> = {
  size: (l, a) => (arity('size', a, 0), BigInt(l.length)),
  hasAll: (l, a) => (arity('hasAll', a, 1), hasAll(l, itemsArg('hasAll', a, 0))),
  hasAny: (l, a) => (arity('hasAny', a, 1), hasAny(l, itemsArg('hasAny', a, 0))),
  hasOnly: (l, a) => (arity('hasOnly', a, 1), hasOnly(l, itemsArg('hasOnly', a, 0))),
  toSet: (l, a) => (arity('toSet', a, 0), new RSet(l)),
  concat: (l, a) => (arity('concat', a, 1), [...l, ...listArg('concat', a, 0)]),
  removeAll: (l, a) => {
    arity('removeAll', a, 1);
    const remove = itemsArg('removeAll', a, 0);
    return l.filter((x) => !includes(remove, x));
  },
  join: (l, a) => {
    arity('join', a, 1);
    const sep = stringArg('join', a, 0);
    if (!l.every((x) => typeof x === 'string'))
      fail('Invalid argument provided to call. Function: [join], list items must be strings.');
    return l.join(sep);
  },
};

export const setMethods: Record<string, Method<RSet>> = {
  size: (s, a) => (arity('size', a, 0), BigInt(s.items.length)),
  hasAll: (s, a) => (arity('hasAll', a, 1), hasAll(s.items, itemsArg('hasAll', a, 0))),
  hasAny: (s, a) => (arity('hasAny', a, 1), hasAny(s.items, itemsArg('hasAny', a, 0))),
  hasOnly: (s, a) => (arity('hasOnly', a, 1), hasOnly(s.items, itemsArg('hasOnly', a, 0))),
  union: (s, a) => (arity('union', a, 1), new RSet([...s.items, ...itemsArg('union', a, 0)])),
  intersection: (s, a) => {
    arity('intersection', a, 1);
    const other = itemsArg('intersection', a, 0);
    return new RSet(s.items.filter((x) => includes(other, x)));
  },
  difference: (s, a) => {
    arity('difference', a, 1);
    const other = itemsArg('difference', a, 0);
    return new RSet(s.items.filter((x) => !includes(other, x)));
  },
};

/** `map.get(key, default)`: key is a string or a list of strings walking nested maps. */
function mapGet(m: RMap, args: readonly RValue[]): RValue {
  arity('get', args, 2);
  const key = args[0] as RValue;
  const fallback = args[1] as RValue;
  const path = Array.isArray(key) ? key : [key];
  let cur: RValue = m;
  for (const k of path) {
    if (typeof k !== 'string')
      return fail(
        'Invalid argument provided to call. Function: [get], key must be a string or a list of strings.',
      );
    if (!(cur instanceof RMap)) return fallback;
    const next: RValue | undefined = cur.get(k);
    if (next === undefined) return fallback;
    cur = next;
  }
  return cur;
}

const lastDiff = new WeakMap<RMap, RMapDiff>();

export const mapMethods: Record<string, Method<RMap>> = {
  size: (m, a) => (arity('size', a, 0), BigInt(m.size)),
  keys: (m, a) => (arity('keys', a, 0), m.keys()),
  values: (m, a) => (arity('values', a, 0), m.keys().map((k) => m.get(k) as RValue)),
  get: mapGet,
  diff: (m, a) => {
    arity('diff', a, 1);
    const other = a[0];
    if (!(other instanceof RMap))
      return fail('Invalid argument provided to call. Function: [diff], Argument must be a map.');
    // Rules tend to diff the same two documents several times (a `changedKeys()` helper).
    const last = lastDiff.get(m);
    if (last?.right === other) return last;
    const diff = new RMapDiff(m, other);
    lastDiff.set(m, diff);
    return diff;
  },
};

export const mapDiffMethods: Record<string, Method<RMapDiff>> = {
  addedKeys: (d, a) => (arity('addedKeys', a, 0), d.keyChanges().added),
  removedKeys: (d, a) => (arity('removedKeys', a, 0), d.keyChanges().removed),
  changedKeys: (d, a) => (arity('changedKeys', a, 0), d.keyChanges().changed),
  affectedKeys: (d, a) => {
    arity('affectedKeys', a, 0);
    const c = d.keyChanges();
    return new RSet([...c.added.items, ...c.removed.items, ...c.changed.items], true);
  },
  unchangedKeys: (d, a) => (arity('unchangedKeys', a, 0), d.keyChanges().unchanged),
};

/** `map[key]` and `map.key`: a missing key is an error. */
export function mapProperty(m: RMap, key: string): RValue {
  const v = m.get(key);
  if (v === undefined) undefinedProperty(key);
  return v;
}

export function mapLiteral(keys: readonly RValue[], values: readonly RValue[]): EagerMap {
  const entries = new Map<string, RValue>();
  keys.forEach((k, i) => {
    if (typeof k !== 'string') fail('Map keys must be strings.');
    entries.set(k, values[i] as RValue);
  });
  return new EagerMap(entries);
}
