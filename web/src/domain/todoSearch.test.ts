import { describe, expect, it } from 'vitest';
import { makeTodo } from '@/testing/fakeServices';
import { countMatches, matchExcerpt, searchAcrossLists } from './todoSearch';

const lists = [
  { id: 'home', title: 'Home' },
  { id: 'work', title: 'Work' },
];
const todos = [
  makeTodo({ id: 'milk', listId: 'home', title: 'Buy milk', order: 2 }),
  makeTodo({ id: 'cafe', listId: 'work', title: 'Book the Café Bohème', order: 1 }),
  makeTodo({
    id: 'report',
    listId: 'work',
    title: 'Report',
    notes: 'Ask Zoë about the MILK figures',
  }),
  makeTodo({ id: 'oat', listId: 'home', title: 'Oat drink', tags: ['groceries'], order: 1 }),
  makeTodo({
    id: 'party',
    listId: 'home',
    title: 'Party',
    subtasks: [{ id: 's1', title: 'Buy crème fraîche', done: false }],
    order: 3,
  }),
  makeTodo({ id: 'old-milk', listId: 'home', title: 'Milk (last week)', done: true, order: 0 }),
  makeTodo({ id: 'gone', listId: 'left-list', title: 'Milk run' }),
];
const grouped = (search: string) =>
  searchAcrossLists(todos, search, lists).map((group) => [
    group.title,
    group.todos.map((todo) => todo.id),
  ]);

describe('searchAcrossLists', () => {
  it('finds to-dos of every list by title or notes, grouped in the lists’ order', () => {
    expect(grouped('milk')).toEqual([
      ['Home', ['milk', 'old-milk']],
      ['Work', ['report']],
    ]);
  });
  it('puts open to-dos before done ones, each in the list’s order', () => {
    const home = searchAcrossLists(todos, 'milk', lists)[0];
    expect(home?.todos.map((todo) => [todo.id, todo.done])).toEqual([
      ['milk', false],
      ['old-milk', true],
    ]);
  });
  it('ignores case and accents, both ways', () => {
    expect(grouped('CAFE boheme')).toEqual([['Work', ['cafe']]]);
    expect(grouped('zoe')).toEqual([['Work', ['report']]]);
    expect(grouped('CAFÉ')).toEqual([['Work', ['cafe']]]);
  });
  it('finds a to-do by one of its steps', () => {
    expect(grouped('creme')).toEqual([['Home', ['party']]]);
  });
  it('finds a to-do by the start of a tag, with or without #', () => {
    expect(grouped('#groc')).toEqual([['Home', ['oat']]]);
    expect(grouped('grocer')).toEqual([['Home', ['oat']]]);
  });
  it('needs every word to match, each anywhere', () => {
    expect(grouped('buy party')).toEqual([['Home', ['party']]]);
    expect(grouped('buy report')).toEqual([]);
  });
  it('leaves out lists the person no longer has, and matches nothing for blank text', () => {
    expect(grouped('run')).toEqual([]);
    expect(grouped('   ')).toEqual([]);
  });
  it('counts the matches', () => {
    expect(countMatches(searchAcrossLists(todos, 'milk', lists))).toBe(3);
  });
});

describe('matchExcerpt', () => {
  const long = makeTodo({
    id: 'long',
    title: 'Pack the basket',
    notes:
      'Bread, cheese and grapes from the market.\nEverything for the Pícnic on Sunday, by the lake if it is dry enough.',
    tags: ['weekend'],
    subtasks: [{ id: 's', title: 'Buy crème fraîche', done: false }],
  });
  it('is an excerpt of the notes around a word found only there, cut at words', () => {
    expect(matchExcerpt(long, 'picnic')).toBe(
      '…market. Everything for the Pícnic on Sunday, by the lake if it…',
    );
  });
  it('names the step a word was found in', () => {
    expect(matchExcerpt(long, 'creme')).toBe('Step: Buy crème fraîche');
  });
  it('is null when the title or the tags explain the match', () => {
    expect(matchExcerpt(long, 'basket')).toBeNull();
    expect(matchExcerpt(long, '#week')).toBeNull();
  });
  it('keeps short notes whole', () => {
    const short = makeTodo({ id: 'short', notes: 'Ask Zoë' });
    expect(matchExcerpt(short, 'zoe')).toBe('Ask Zoë');
  });
});
