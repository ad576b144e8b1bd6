import { describe, expect, it } from 'vitest';
import { makeTodo } from '@/testing/fakeServices';
import { applyTodoQuery, type TodoFilter, type TodoSort } from './todoQuery';

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
  it.each<[string, TodoFilter, TodoSort, string, string[]]>([
    ['sorts by the list order by default', 'all', 'order', '', ['taxes', 'call', 'milk', 'bread']],
    ['shows only open to-dos as active', 'active', 'order', '', ['call', 'milk', 'bread']],
    ['shows only completed to-dos as done', 'done', 'order', '', ['taxes']],
    ['sorts by due date, undated ones last', 'all', 'due', '', ['call', 'taxes', 'milk', 'bread']],
    ['sorts by priority, highest first', 'all', 'priority', '', ['taxes', 'call', 'milk', 'bread']],
    ['searches titles case-insensitively', 'all', 'order', 'MILK', ['milk']],
    ['searches tags by prefix, with #', 'all', 'order', '#week', ['bread']],
    ['searches tags by prefix, without #', 'all', 'order', 'shop', ['milk']],
    ['requires every search word to match', 'all', 'order', 'bake home', ['bread']],
    ['finds nothing when one search word does not match', 'all', 'order', 'bake shopping', []],
    ['combines filter and search', 'done', 'order', 'milk', []],
  ])('%s', (_, filter, sort, search, shown) => {
    expect(ids(applyTodoQuery(todos, { filter, sort, search }))).toEqual(shown);
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
