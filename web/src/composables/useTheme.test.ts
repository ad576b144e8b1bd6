import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { THEME_STORAGE_KEY, useTheme } from './useTheme';

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('useTheme', () => {
  it('follows the system until a choice is made', () => {
    expect(useTheme().choice.value).toBe('system');
  });

  it('applies a choice at once and remembers it on this device', async () => {
    const { choice } = useTheme();
    choice.value = 'dark';
    await nextTick();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    expect(useTheme().choice.value).toBe('dark');
  });

  it('goes back to the system’s appearance, forgetting the choice', async () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    const { choice } = useTheme();
    choice.value = 'system';
    await nextTick();
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia');
    expect(useTheme().choice.value).toBe('system');
  });
});
