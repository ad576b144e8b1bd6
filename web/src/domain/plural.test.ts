import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

const todos = { one: '# completed to-do', other: '# completed to-dos' };

describe('countOf', () => {
  it('uses the singular for exactly one', () => {
    expect(countOf(1, todos)).toBe('1 completed to-do');
  });

  it('uses the plural for none, several and many, with grouped digits', () => {
    expect(countOf(0, todos)).toBe('0 completed to-dos');
    expect(countOf(2, todos)).toBe('2 completed to-dos');
    expect(countOf(1200, todos)).toBe('1,200 completed to-dos');
  });
});
