import { ref } from 'vue';

/**
 * One piece of work at a time, as a form or a page runs it: `busy` names the work while it runs
 * (null when idle), `error` holds the message of the last run that threw (cleared when the next
 * starts). `attempt` resolves to what the work returned, or undefined when it threw.
 */
export function useTask<Kind extends string>() {
  const busy = ref<Kind | null>(null);
  const error = ref<string | null>(null);

  async function attempt<T>(kind: Kind, work: () => Promise<T>): Promise<T | undefined> {
    busy.value = kind;
    error.value = null;
    try {
      return await work();
    } catch (e) {
      error.value = (e as Error).message;
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  return { busy, error, attempt };
}
