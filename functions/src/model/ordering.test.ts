import { describe, expect, it } from 'vitest';
import { ORDER_STEP } from './limits.js';
import { orderAfterLast, orderBetween, orderForMove } from './ordering.js';

const items = (...orders: number[]) => orders.map((order) => ({ order }));

describe('orderBetween', () => {
  it('starts an empty list at one step', () => expect(orderBetween(null, null)).toBe(ORDER_STEP));
  it('goes a step before the first item', () =>
    expect(orderBetween(null, 10)).toBe(10 - ORDER_STEP));
  it('goes a step after the last item', () => expect(orderBetween(10, null)).toBe(10 + ORDER_STEP));
  it('goes halfway between two neighbours', () => expect(orderBetween(1, 2)).toBe(1.5));
});

describe('orderAfterLast', () => {
  it('places a new item after the highest order, whatever the array order', () => {
    expect(orderAfterLast(items(5, 30, 10))).toBe(30 + ORDER_STEP);
  });
  it('places the first item of an empty list', () => expect(orderAfterLast([])).toBe(ORDER_STEP));
});

describe('orderForMove', () => {
  const list = items(100, 200, 300, 400);

  it('moving down lands between the new neighbours', () => {
    expect(orderForMove(list, 0, 2)).toBe(350);
  });
  it('moving up lands between the new neighbours', () => {
    expect(orderForMove(list, 3, 1)).toBe(150);
  });
  it('moving to the top goes before the first', () => {
    expect(orderForMove(list, 2, 0)).toBe(100 - ORDER_STEP);
  });
  it('moving to the bottom goes after the last', () => {
    expect(orderForMove(list, 0, 3)).toBe(400 + ORDER_STEP);
  });
  it('a move to the same place or out of range changes nothing', () => {
    expect(orderForMove(list, 1, 1)).toBeNull();
    expect(orderForMove(list, 0, 4)).toBeNull();
    expect(orderForMove(list, -1, 0)).toBeNull();
  });
});

describe('a fractional last order', () => {
  it('still goes one step further', () => expect(orderBetween(3000.5, null)).toBe(4024.5));
});
