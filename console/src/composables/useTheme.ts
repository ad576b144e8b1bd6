/**
 * Light or dark: the system's choice until the person picks one, which is remembered. The choice
 * is a `data-theme` attribute on <html> that the style sheet's colour variables follow.
 */
import { ref } from 'vue';

export type Theme = 'light' | 'dark';

const KEY = 'hearth-console-theme';

function stored(): Theme | null {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const theme = ref<Theme>('light');

export function applyStoredTheme(): void {
  theme.value = stored() ?? systemTheme();
  document.documentElement.dataset['theme'] = theme.value;
}

export function useTheme() {
  function toggle(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, theme.value);
    document.documentElement.dataset['theme'] = theme.value;
  }
  return { theme, toggle };
}
