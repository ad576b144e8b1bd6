import { ref, watch, type Ref } from 'vue';

/** The appearance picked on this device: the system's, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** Where the choice is kept; index.html reads the same key before the first paint. */
export const THEME_STORAGE_KEY = 'hearth.theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return THEME_CHOICES.includes(value as ThemeChoice);
}

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(value) ? value : 'system';
  } catch {
    // Storage blocked (private mode settings): the system's appearance it is.
    return 'system';
  }
}

/** Sets `data-theme` on <html>, which global.css turns into the light or dark colours. */
function apply(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

function remember(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered: it still applies until the page is closed.
  }
}

/** The device's appearance choice; setting it applies it at once and remembers it here. */
export function useTheme(): { choice: Ref<ThemeChoice> } {
  const choice = ref<ThemeChoice>(stored());
  watch(choice, (next) => {
    apply(next);
    remember(next);
  });
  return { choice };
}
