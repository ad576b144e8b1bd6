import { describe, expect, it } from 'vitest';
import type { ModelSchemas } from '@/domain/schemas';
import { useNewTitle } from './useNewTitle';

/** An entry checked by the to-do title schema (or the one `pick` chooses), and what it added. */
function newEntry(pick = (schemas: ModelSchemas) => schemas.todoTitleSchema) {
  const added: string[] = [];
  return { added, entry: useNewTitle(pick, (title) => added.push(title)) };
}

describe('useNewTitle', () => {
  it('adds the trimmed title and empties the field for the next one', async () => {
    const { added, entry } = newEntry();
    entry.title.value = '  Buy milk ';
    await entry.submit();
    expect(added).toEqual(['Buy milk']);
    expect(entry.title.value).toBe('');
    expect(entry.error.value).toBeNull();
  });

  it('keeps a blank title with the schema’s message and adds nothing, until it is fixed', async () => {
    const { added, entry } = newEntry();
    entry.title.value = '   ';
    await entry.submit();
    expect(added).toEqual([]);
    expect(entry.title.value).toBe('   ');
    expect(entry.error.value).toBe('Enter a title.');
    entry.title.value = 'Buy milk';
    await entry.submit();
    expect(added).toEqual(['Buy milk']);
    expect(entry.error.value).toBeNull();
  });

  it('adds once when submitted twice before the schemas have loaded (Enter pressed twice)', async () => {
    const { added, entry } = newEntry((schemas) => schemas.listTitleSchema);
    entry.title.value = 'Groceries';
    await Promise.all([entry.submit(), entry.submit()]);
    expect(added).toEqual(['Groceries']);
  });

  it('keeps what was typed while the schemas loaded', async () => {
    const { added, entry } = newEntry();
    entry.title.value = 'Buy milk';
    const submitted = entry.submit();
    entry.title.value = 'Buy eggs';
    await submitted;
    expect(added).toEqual(['Buy milk']);
    expect(entry.title.value).toBe('Buy eggs');
  });
});
