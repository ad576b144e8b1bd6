/** Watching a config file (rules, indexes) that a developer edits while the emulator runs. */
import { watch } from 'node:fs';

/** How long a file must stay unchanged before it is read again: editors write in several steps. */
const SETTLE_MS = 50;

/**
 * Calls `onEdit` once the edits to `path` settle (a burst of writes makes one call); a watch
 * that fails is logged. `close()` stops watching and drops a pending call.
 */
export function watchEdits(
  path: string,
  onEdit: () => void,
  log: (line: string) => void,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(path, () => {
    clearTimeout(timer);
    timer = setTimeout(onEdit, SETTLE_MS);
  });
  watcher.on('error', (error) => log(`firestore: cannot watch ${path}: ${error.message}`));
  return {
    close(): void {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
