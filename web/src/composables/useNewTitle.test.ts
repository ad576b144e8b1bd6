import { describe, expect, it } from 'vitest';
import { todoTitleSchema } from '@model';
import { useNewTitle } from './useNewTitle';

describe('useNewTitle', () => {
  it('adds the trimmed title and empties the field for the next one', () => {
    const added: string[] = [];
    const entry = useNewTitle(todoTitleSchema, (title) => added.push(title));
    entry.title.value = '  Buy milk ';
    entry.submit();
    expect(added).toEqual(['Buy milk']);
    expect(entry.title.value).toBe('');
    expect(entry.error.value).toBeNull();
  });

  it('keeps a blank title with the schema’s message and adds nothing, until it is fixed', () => {
    const added: string[] = [];
    const entry = useNewTitle(todoTitleSchema, (title) => added.push(title));
    entry.title.value = '   ';
    entry.submit();
    expect(added).toEqual([]);
    expect(entry.title.value).toBe('   ');
    expect(entry.error.value).toBe('Enter a title.');
    entry.title.value = 'Buy milk';
    entry.submit();
    expect(added).toEqual(['Buy milk']);
    expect(entry.error.value).toBeNull();
  });
});
