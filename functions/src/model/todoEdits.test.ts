import { describe, expect, it } from 'vitest';
import { doneFields } from './todoEdits.js';

const now = new Date('2030-01-01T00:00:00Z');

describe('doneFields: completedAt follows done', () => {
  it('stamps the writer’s now when an open to-do becomes done', () => {
    expect(doneFields(true, false, now)).toEqual({ done: true, completedAt: now });
  });

  it('clears it when a done to-do reopens', () => {
    expect(doneFields(false, true, now)).toEqual({ done: false, completedAt: null });
  });

  it('leaves it alone when done does not change, so the first completion time stays', () => {
    expect(doneFields(true, true, now)).toEqual({ done: true });
    expect(doneFields(false, false, now)).toEqual({ done: false });
  });
});
