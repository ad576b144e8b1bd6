/**
 * Items carry a numeric `order`; moving one item writes only that item, placed halfway between
 * its new neighbours, so a reorder is a single small write that merges well across devices.
 */
import { ORDER_STEP } from './limits.js';

interface Ordered {
  order: number;
}

/** An order value strictly between two neighbours (null = no neighbour on that side). */
export function orderBetween(before: number | null, after: number | null): number {
  if (before === null && after === null) return ORDER_STEP;
  if (before === null) return (after as number) - ORDER_STEP;
  if (after === null) return before + ORDER_STEP;
  return (before + after) / 2;
}

/** The order for a new item placed after every existing one. */
export function orderAfterLast(items: readonly Ordered[]): number {
  const last = items.reduce<number | null>(
    (max, item) => (max === null || item.order > max ? item.order : max),
    null,
  );
  return orderBetween(last, null);
}

/**
 * The new order of the item at `from` once moved to index `to` of the same (order-sorted) array,
 * or null when the move changes nothing.
 */
export function orderForMove(items: readonly Ordered[], from: number, to: number): number | null {
  if (from === to || from < 0 || from >= items.length || to < 0 || to >= items.length) return null;
  const rest = items.filter((_, index) => index !== from);
  const before = rest[to - 1]?.order ?? null;
  const after = rest[to]?.order ?? null;
  return orderBetween(before, after);
}
