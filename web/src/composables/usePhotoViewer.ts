import { computed, reactive, ref, watch } from 'vue';
import type { Attachment } from '@/domain/entities';
import { describeError } from '@/errors/describeError';

export interface ViewedPhoto {
  id: string;
  name: string;
  /** 1-based place among the photos, for “2 of 3”. */
  position: number;
  count: number;
  url: string | null;
  error: string | null;
}

interface Original {
  url: string | null;
  error: string | null;
}

/**
 * Which of a to-do's photos the viewer shows, stepping through them in order and wrapping at
 * either end, so Previous and Next are always there to press and never lose focus by turning
 * disabled. Each original's URL is asked for once; answers land by photo, so a slow answer for a
 * photo already left behind never shows on another. If the photo on show goes away (deleted
 * elsewhere), the one that took its place is shown, and the viewer closes when none is left.
 */
export function usePhotoViewer(
  photos: () => readonly Attachment[],
  originalUrl: (attachmentId: string) => Promise<string>,
) {
  const currentId = ref<string | null>(null);
  const originals = reactive(new Map<string, Original>());
  /** Where the photo on show stood, to pick its successor if it disappears. */
  let lastIndex = 0;

  function load(id: string): void {
    const known = originals.get(id);
    if (known && known.error === null) return;
    originals.set(id, { url: null, error: null });
    originalUrl(id).then(
      (url) => originals.set(id, { url, error: null }),
      (error: unknown) => originals.set(id, { url: null, error: describeError(error) }),
    );
  }

  function showAt(index: number): void {
    const photo = photos()[index];
    if (!photo) return close();
    lastIndex = index;
    currentId.value = photo.id;
    load(photo.id);
  }

  function open(id: string): void {
    const index = photos().findIndex((photo) => photo.id === id);
    if (index >= 0) showAt(index);
  }

  function step(delta: -1 | 1): void {
    const count = photos().length;
    if (currentId.value === null || count === 0) return;
    showAt((lastIndex + delta + count) % count);
  }

  function close(): void {
    currentId.value = null;
  }

  watch(photos, (list) => {
    if (currentId.value === null) return;
    const index = list.findIndex((photo) => photo.id === currentId.value);
    if (index >= 0) lastIndex = index;
    else showAt(Math.min(lastIndex, list.length - 1));
  });

  const current = computed<ViewedPhoto | null>(() => {
    const list = photos();
    const index = list.findIndex((photo) => photo.id === currentId.value);
    const photo = list[index];
    if (!photo) return null;
    const original = originals.get(photo.id);
    return {
      id: photo.id,
      name: photo.name,
      position: index + 1,
      count: list.length,
      url: original?.url ?? null,
      error: original?.error ?? null,
    };
  });

  return { current, open, step, close };
}
