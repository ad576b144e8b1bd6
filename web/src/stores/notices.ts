import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError } from '@/errors/describeError';

export type NoticeTone = 'info' | 'error';

export interface Notice {
  id: number;
  text: string;
  tone: NoticeTone;
}

const DISMISS_AFTER_MS = 6000;

/** Short messages for the app-wide live region: confirmations and failures of background writes. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id);
  }

  function notify(text: string, tone: NoticeTone = 'info'): void {
    const id = nextId++;
    notices.value = [...notices.value.slice(-3), { id, text, tone }];
    setTimeout(() => dismiss(id), tone === 'error' ? DISMISS_AFTER_MS * 2 : DISMISS_AFTER_MS);
  }

  function reportFailure(error: unknown): void {
    notify(describeError(error), 'error');
  }

  /**
   * Writes apply to the local cache at once and confirm later (possibly much later, offline), so
   * the UI never waits for them; a write the server refuses is reported here instead.
   */
  function track(written: Promise<unknown>): void {
    written.catch(reportFailure);
  }

  return { notices, notify, dismiss, reportFailure, track };
});
