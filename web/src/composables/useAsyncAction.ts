import { ref } from 'vue';
import { describeError } from '@/errors/describeError';

/** Busy and error state of one user-triggered action (a form submit, a button). */
export function useAsyncAction() {
  const busy = ref(false);
  const error = ref<string | null>(null);

  /** Runs the action unless one is already running; resolves true when it succeeded. */
  async function run(action: () => unknown): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      await action();
      return true;
    } catch (failure) {
      error.value = describeError(failure);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
