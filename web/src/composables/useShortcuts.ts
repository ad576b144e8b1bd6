import { onScopeDispose } from 'vue';
import { shortcutFor, type ShortcutAction } from '@/domain/shortcuts';

const NOT_TYPING_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range']);

/** Whether keys pressed here are text being typed (or a choice being made) rather than commands. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING_INPUTS.has(target.type);
}

/**
 * Calls `run` with the action of each shortcut pressed on the page, for as long as the calling
 * component lives. Never while typing in a field, while a dialog is open (its keys are its own),
 * or with Ctrl, Alt or Meta held (the browser's and the system's shortcuts).
 */
export function useShortcuts(run: (action: ShortcutAction, event: KeyboardEvent) => void): void {
  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing || event.repeat) return;
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
    const action = shortcutFor(event.key);
    if (action === null) return;
    event.preventDefault();
    run(action, event);
  }
  document.addEventListener('keydown', onKeydown);
  onScopeDispose(() => document.removeEventListener('keydown', onKeydown));
}
