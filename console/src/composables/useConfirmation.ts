/**
 * What a destructive action asks before it runs, and the one such question open at a time: a view
 * calls `confirm(...)`, App.vue shows it in a ConfirmDialog, and leaving the tab drops it.
 */
import { shallowRef } from 'vue';

export interface Confirmation {
  title: string;
  /** What will happen, in full. */
  message: string;
  action: string;
  /** When set, the action stays disabled until this word is typed. */
  word?: string;
  run: () => Promise<void>;
}

const pending = shallowRef<Confirmation | null>(null);

export function useConfirmation() {
  return {
    pending,
    confirm: (confirmation: Confirmation) => {
      pending.value = confirmation;
    },
    dismiss: () => {
      pending.value = null;
    },
  };
}
