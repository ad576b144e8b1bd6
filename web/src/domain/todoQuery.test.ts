import { describe, expect, it } from 'vitest';
import { makeTodo } from '@/testing/fakeServices';
import { applyTodoQuery } from './todoQuery';

const todos = [
  makeTodo({ id: 'milk', title: 'Buy milk', order: 3, tags: ['shopping'], priority: 1 }),
  makeTodo({
    id: 'taxes',
    title: 'File taxes',
    order: 1,
    done: true,
    priority: 3,
    due: { date: '2030-04-15' },
  }),
  makeTodo({ id: 'call', title: 'Call mum', order: 2, priority: 2, due: { date: '2030-01-01' } }),
  makeTodo({ id: 'bread', title: 'Bake bread', order: 4, tags: ['home', 'weekend'] }),
];
const ids = (result: { id: string }[]) => result.map((todo) => todo.id);

describe('applyTodoQuery', () => {
  it('sorts by the list order by default', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'all', sort: 'order', search: '' }))).toEqual([
      'taxes',
      'call',
      'milk',
      'bread',
    ]);
  });
  it('shows only open to-dos as active and only completed ones as done', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'active', sort: 'order', search: '' }))).toEqual([
      'call',
      'milk',
      'bread',
    ]);
    expect(ids(applyTodoQuery(todos, { filter: 'done', sort: 'order', search: '' }))).toEqual([
      'taxes',
    ]);
  });
  it('sorts by due date, earliest first, undated last in list order', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'all', sort: 'due', search: '' }))).toEqual([
      'call',
      'taxes',
      'milk',
      'bread',
    ]);
  });
  it('sorts by priority, highest first', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'all', sort: 'priority', search: '' }))).toEqual([
      'taxes',
      'call',
      'milk',
      'bread',
    ]);
  });
  it('searches titles case-insensitively', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'all', sort: 'order', search: 'MILK' }))).toEqual([
      'milk',
    ]);
  });
  it('searches tags by prefix, with or without #', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'all', sort: 'order', search: '#week' }))).toEqual([
      'bread',
    ]);
    expect(ids(applyTodoQuery(todos, { filter: 'all', sort: 'order', search: 'shop' }))).toEqual([
      'milk',
    ]);
  });
  it('requires every search word to match', () => {
    expect(
      ids(applyTodoQuery(todos, { filter: 'all', sort: 'order', search: 'bake home' })),
    ).toEqual(['bread']);
    expect(
      ids(applyTodoQuery(todos, { filter: 'all', sort: 'order', search: 'bake shopping' })),
    ).toEqual([]);
  });
  it('combines filter and search', () => {
    expect(ids(applyTodoQuery(todos, { filter: 'done', sort: 'order', search: 'milk' }))).toEqual(
      [],
    );
  });
});

describe('the search of a list', () => {
  const notes = makeTodo({
    id: 'notes',
    title: 'Call the bank',
    notes: 'About the Crédit card',
    subtasks: [{ id: 's', title: 'Find the PIN letter', done: false }],
  });
  const search = (text: string) =>
    ids(applyTodoQuery([notes], { filter: 'all', sort: 'order', search: text }));
  it('also matches the notes and the steps, ignoring accents', () => {
    expect(search('credit')).toEqual(['notes']);
    expect(search('CRÉDIT pin')).toEqual(['notes']);
    expect(search('overdraft')).toEqual([]);
  });
});
