import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { describeError } from '@/errors/describeError';
import type { Observer, Unsubscribe } from '@/services/ports';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface LiveQuery<T> {
  data: ShallowRef<T>;
  state: Ref<LoadState>;
  error: Ref<string | null>;
}

/**
 * Keeps `data` subscribed to whatever `key` names (a uid, a list id): resubscribes when the key
 * changes, empties on null, and stops listening when the owning scope (store or component) ends.
 */
export function useLiveQuery<K, T>(
  key: () => K | null,
  subscribe: (key: K, observer: Observer<T>) => Unsubscribe,
  empty: T,
): LiveQuery<T> {
  const data = shallowRef<T>(empty);
  const state = ref<LoadState>('idle');
  const error = ref<string | null>(null);
  let stop: Unsubscribe | null = null;

  function unsubscribe(): void {
    stop?.();
    stop = null;
  }

  watch(
    key,
    (current) => {
      unsubscribe();
      data.value = empty;
      error.value = null;
      if (current === null) {
        state.value = 'idle';
        return;
      }
      state.value = 'loading';
      stop = subscribe(current, {
        next(value) {
          data.value = value;
          state.value = 'ready';
        },
        error(failure) {
          error.value = describeError(failure);
          state.value = 'error';
        },
      });
    },
    { immediate: true },
  );
  onScopeDispose(unsubscribe);

  return { data, state, error };
}
