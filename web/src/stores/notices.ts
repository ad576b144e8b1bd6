import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError } from '@/errors/describeError';

export type NoticeTone = 'info' | 'error';

/** A button on a notice (Undo, Reload); running it also dismisses the notice. */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  text: string;
  tone: NoticeTone;
  action: NoticeAction | null;
}

export interface NotifyOptions {
  tone?: NoticeTone;
  action?: NoticeAction;
  /** How long it shows, in ms; null keeps it until it is dismissed or acted on. */
  duration?: number | null;
  /** Called once when the notice goes without its action having run (timeout or dismissal). */
  onExpire?: () => void;
}

const DISMISS_AFTER_MS = 6000;

/** The label of every action that takes back what was just done. */
export const UNDO_LABEL = 'Undo';
const MAX_SHOWN = 4;

interface Expiry {
  /** How long the notice shows once nothing holds it; null: until dismissed. */
  duration: number | null;
  timer?: ReturnType<typeof setTimeout>;
  /** The pointer over it and focus inside it each hold it (so that Undo is not lost mid-reach). */
  holds: number;
  onExpire?: () => void;
}

/**
 * Short messages for the app-wide live region: confirmations, failures of background writes, and
 * offers to act (Undo, a new version to load).
 */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  const expiries = new Map<number, Expiry>();
  let nextId = 1;

  function remove(id: number): boolean {
    const expiry = expiries.get(id);
    if (!expiry) return false;
    clearTimeout(expiry.timer);
    expiries.delete(id);
    notices.value = notices.value.filter((notice) => notice.id !== id);
    return true;
  }

  function dismiss(id: number): void {
    const onExpire = expiries.get(id)?.onExpire;
    if (remove(id)) onExpire?.();
  }

  function startTimer(id: number, expiry: Expiry): void {
    if (expiry.duration !== null) expiry.timer = setTimeout(() => dismiss(id), expiry.duration);
  }

  /** Keeps a notice on screen while a person points at it or is in it. */
  function hold(id: number): void {
    const expiry = expiries.get(id);
    if (!expiry) return;
    expiry.holds += 1;
    clearTimeout(expiry.timer);
  }

  /** Lets a held notice go: it shows for its whole time again, so a person can read it. */
  function release(id: number): void {
    const expiry = expiries.get(id);
    if (!expiry || expiry.holds === 0) return;
    expiry.holds -= 1;
    if (expiry.holds === 0) startTimer(id, expiry);
  }

  function act(id: number): void {
    const action = notices.value.find((notice) => notice.id === id)?.action;
    if (remove(id)) action?.run();
  }

  function notify(text: string, options: NotifyOptions = {}): number {
    const id = nextId++;
    const tone = options.tone ?? 'info';
    const duration =
      options.duration === undefined
        ? tone === 'error'
          ? DISMISS_AFTER_MS * 2
          : DISMISS_AFTER_MS
        : options.duration;
    const expiry: Expiry = { duration, holds: 0, onExpire: options.onExpire };
    expiries.set(id, expiry);
    startTimer(id, expiry);
    notices.value = [...notices.value, { id, text, tone, action: options.action ?? null }];
    // The oldest go first when too many pile up; they expire as if their time had run out.
    for (const old of notices.value.slice(0, -MAX_SHOWN)) dismiss(old.id);
    return id;
  }

  /** Runs the newest offer to undo something (the `z` shortcut); false when there is none. */
  function undoLatest(): boolean {
    const latest = notices.value.findLast((notice) => notice.action?.label === UNDO_LABEL);
    if (!latest) return false;
    act(latest.id);
    return true;
  }

  function reportFailure(error: unknown): void {
    notify(describeError(error), { tone: 'error' });
  }

  /**
   * Runs a change asked for on a page: what fails (bad input, no list open, a write refused at
   * once) is reported rather than thrown, at once when it fails at once.
   */
  async function attempt(action: () => unknown): Promise<void> {
    try {
      await action();
    } catch (error) {
      reportFailure(error);
    }
  }

  /**
   * Writes apply to the local cache at once and confirm later (possibly much later, offline), so
   * the UI never waits for them; a write the server refuses is reported here instead.
   */
  function track(written: Promise<unknown>): void {
    written.catch(reportFailure);
  }

  return {
    notices,
    notify,
    dismiss,
    act,
    hold,
    release,
    undoLatest,
    reportFailure,
    attempt,
    track,
  };
});
