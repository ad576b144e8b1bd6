import { describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import type { ListDoc, TodoDoc, UserDoc } from '../model/index.js';
import { toListSummary, toPublicProfile, toTodo } from './documents.js';

const at = (iso: string) => Timestamp.fromDate(new Date(iso));
const created = at('2026-01-02T03:04:05.678Z');

describe('documents as the API returns them', () => {
  it('a public profile carries the username, display name and join date only', () => {
    const user: UserDoc = {
      displayName: 'Alice',
      username: 'alice',
      photoURL: 'https://x/p.png',
      createdAt: created,
      updatedAt: created,
    };
    expect(toPublicProfile('alice', user)).toEqual({
      username: 'alice',
      displayName: 'Alice',
      memberSince: '2026-01-02T03:04:05.678Z',
    });
  });

  it("a list shows the caller's role, not its member map", () => {
    const list: ListDoc = {
      title: 'Home',
      ownerId: 'o',
      members: { o: 'owner', v: 'viewer' },
      memberIds: ['o', 'v'],
      counts: { open: 2, done: 1 },
      order: 0,
      createdAt: created,
      updatedAt: created,
    };
    const summary = toListSummary('l1', list, 'viewer');
    expect(summary).toEqual({
      id: 'l1',
      title: 'Home',
      ownerId: 'o',
      role: 'viewer',
      counts: { open: 2, done: 1 },
      order: 0,
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-02T03:04:05.678Z',
    });
  });

  it('a to-do has ISO timestamps and nulls where unset', () => {
    const todo: TodoDoc = {
      title: 'Milk',
      notes: '',
      done: true,
      completedAt: at('2026-02-01T00:00:00Z'),
      due: { date: '2026-02-03', time: '09:00', timeZone: 'Asia/Kolkata' },
      repeat: 'FREQ=DAILY',
      reminders: [{ id: 'r', uid: 'o', before: 5 }],
      subtasks: [],
      priority: 1,
      tags: ['a'],
      order: 1024,
      createdBy: 'o',
      createdAt: created,
      updatedAt: created,
      attachmentCount: 0,
      memberIds: ['o'],
    };
    const shown = toTodo('l1', 't1', todo);
    expect(shown).toMatchObject({
      id: 't1',
      listId: 'l1',
      completedAt: '2026-02-01T00:00:00.000Z',
      due: { date: '2026-02-03', time: '09:00', timeZone: 'Asia/Kolkata' },
      repeat: 'FREQ=DAILY',
    });
    expect(shown).not.toHaveProperty('memberIds');
  });
});
