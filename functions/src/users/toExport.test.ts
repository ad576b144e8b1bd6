import { Timestamp } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { toExport } from './toExport.js';

describe('toExport', () => {
  it('turns Timestamps into ISO strings at any depth and keeps the rest', () => {
    const at = Timestamp.fromDate(new Date('2030-05-01T10:00:00.123Z'));
    expect(
      toExport({
        createdAt: at,
        tags: ['a'],
        counts: { open: 1, done: 0 },
        dueAt: null,
        nested: [{ at }],
      }),
    ).toEqual({
      createdAt: '2030-05-01T10:00:00.123Z',
      tags: ['a'],
      counts: { open: 1, done: 0 },
      dueAt: null,
      nested: [{ at: '2030-05-01T10:00:00.123Z' }],
    });
  });
});
