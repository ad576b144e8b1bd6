/** What a keyboard shortcut of the lists page does. */
export type ShortcutAction =
  | 'add'
  | 'search'
  | 'next'
  | 'previous'
  | 'complete'
  | 'edit'
  | 'delete'
  | 'nextList'
  | 'previousList'
  | 'undo'
  | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key` values, the first one shown in the list of shortcuts. */
  keys: readonly string[];
  description: string;
}

/** The lists page's shortcuts: what `?` shows, and what the page listens for. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'add', keys: ['n'], description: 'Add a to-do' },
  { action: 'search', keys: ['/'], description: 'Search to-dos' },
  { action: 'next', keys: ['j'], description: 'Go to the next to-do (↓ in the list)' },
  { action: 'previous', keys: ['k'], description: 'Go to the previous to-do (↑ in the list)' },
  { action: 'complete', keys: ['x'], description: 'Complete or reopen the to-do' },
  { action: 'edit', keys: ['e'], description: 'Open the to-do (Enter in the list)' },
  { action: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the to-do' },
  { action: 'nextList', keys: [']'], description: 'Go to the next list' },
  { action: 'previousList', keys: ['['], description: 'Go to the previous list' },
  { action: 'undo', keys: ['z'], description: 'Undo the last completion or deletion' },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

/** Keys that are not shortcuts of their own but are named in the list: moving a to-do. */
export const REORDER_KEYS = 'Alt + ↑ / ↓';

/** The shortcut a key press asks for, if any. */
export function shortcutFor(key: string): ShortcutAction | null {
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(key))?.action ?? null;
}
