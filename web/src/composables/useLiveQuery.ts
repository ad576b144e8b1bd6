import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { describeError } from '@/errors/describeError';
import type { Observer, Unsubscribe } from '@/services/ports';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface LiveQuery<T> {
  data: ShallowRef<T>;
  state: Ref<LoadState>;
  error: Ref<string | null>;
}

export interface LiveQueryOptions<K> {
  /**
   * Asked when the subscription fails (the SDK then ends it): resolves true to subscribe again,
   * false to show the error. At most MAX_RETRIES times per key.
   */
  retryWhen?(failure: unknown, key: K): Promise<boolean>;
}

const MAX_RETRIES = 3;

/**
 * Keeps `data` subscribed to whatever `key` names (a uid, a list id): resubscribes when the key
 * changes, empties on null, and stops listening when the owning scope (store or component) ends.
 */
export function useLiveQuery<K, T>(
  key: () => K | null,
  subscribe: (key: K, observer: Observer<T>) => Unsubscribe,
  empty: T,
  options: LiveQueryOptions<K> = {},
): LiveQuery<T> {
  const data = shallowRef<T>(empty);
  const state = ref<LoadState>('idle');
  const error = ref<string | null>(null);
  let stop: Unsubscribe | null = null;
  /** Bumped on every key change, so a late retry decision for an old key is dropped. */
  let generation = 0;

  function unsubscribe(): void {
    stop?.();
    stop = null;
  }

  function start(current: K, retries: number): void {
    const started = generation;
    stop = subscribe(current, {
      next(value) {
        data.value = value;
        state.value = 'ready';
      },
      error(failure) {
        void settle(failure);
      },
    });

    async function settle(failure: unknown): Promise<void> {
      const retry =
        retries < MAX_RETRIES && options.retryWhen
          ? await options.retryWhen(failure, current).catch(() => false)
          : false;
      if (started !== generation) return;
      if (retry) {
        unsubscribe();
        start(current, retries + 1);
        return;
      }
      error.value = describeError(failure);
      state.value = 'error';
    }
  }

  watch(
    key,
    (current) => {
      generation++;
      unsubscribe();
      data.value = empty;
      error.value = null;
      if (current === null) {
        state.value = 'idle';
        return;
      }
      state.value = 'loading';
      start(current, 0);
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    generation++;
    unsubscribe();
  });

  return { data, state, error };
}
