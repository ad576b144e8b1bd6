import { describe, expect, it } from 'vitest';
import { countsDelta, isZero } from './countsDelta.js';

describe('countsDelta', () => {
  it.each([
    ['create open', undefined, { done: false }, { open: 1, done: 0 }],
    ['create done', undefined, { done: true }, { open: 0, done: 1 }],
    ['complete', { done: false }, { done: true }, { open: -1, done: 1 }],
    ['reopen', { done: true }, { done: false }, { open: 1, done: -1 }],
    ['rename an open to-do', { done: false }, { done: false }, { open: 0, done: 0 }],
    ['delete open', { done: false }, undefined, { open: -1, done: 0 }],
    ['delete done', { done: true }, undefined, { open: 0, done: -1 }],
    ['a malformed done counts as open', undefined, { done: 'yes' }, { open: 1, done: 0 }],
  ])('%s', (_name, before, after, expected) => {
    expect(countsDelta(before, after)).toEqual(expected);
  });

  it('sums to the final state whatever the order of events', () => {
    const events = [
      countsDelta(undefined, { done: false }),
      countsDelta({ done: false }, { done: true }),
      countsDelta(undefined, { done: false }),
      countsDelta({ done: true }, undefined),
    ].reverse();
    const total = events.reduce(
      (sum, d) => ({ open: sum.open + d.open, done: sum.done + d.done }),
      { open: 0, done: 0 },
    );
    expect(total).toEqual({ open: 1, done: 0 });
  });

  it('recognises a change that moves nothing', () => {
    expect(isZero(countsDelta({ done: true }, { done: true }))).toBe(true);
  });
});
