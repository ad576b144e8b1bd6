/**
 * Tells a view which documents changed: from the Hearth emulator's change feed when it has one,
 * else by asking the view to look again every few seconds (Google's emulator has no feed).
 * Notices arriving close together are delivered as one.
 */
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { openEventStream } from '@/api/eventStream';
import type { CommitNotice } from '@/api/firestore';

const POLL_EVERY_MS = 5000;
const COALESCE_MS = 150;

/** `paths` is null when the view should simply look again (polling, or after reconnecting). */
export type ChangeListener = (paths: string[] | null) => void;

export function useDatabaseChanges(
  feedUrl: Ref<string | null>,
  onChange: ChangeListener,
): { live: Ref<boolean> } {
  const live = ref(false);
  let pending: Set<string> | null = null;
  let everything = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const paths = everything ? null : [...(pending ?? [])];
    pending = null;
    everything = false;
    onChange(paths);
  };
  const queue = (paths: string[] | null) => {
    if (paths === null) everything = true;
    else for (const path of paths) (pending ??= new Set()).add(path);
    timer ??= setTimeout(flush, COALESCE_MS);
  };

  let stop = () => {};
  watch(
    feedUrl,
    (url) => {
      stop();
      if (url) {
        let connectedBefore = false;
        stop = openEventStream<CommitNotice>(url, 'commit', {
          onEvent: (notice) => queue(notice.paths),
          onState: (connected) => {
            live.value = connected;
            // Commits made while the feed was down were not seen: look at everything again.
            if (connected && connectedBefore) queue(null);
            if (connected) connectedBefore = true;
          },
        });
      } else {
        live.value = false;
        const poll = setInterval(() => {
          if (document.visibilityState === 'visible') queue(null);
        }, POLL_EVERY_MS);
        stop = () => clearInterval(poll);
      }
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    stop();
    clearTimeout(timer);
  });
  return { live };
}
