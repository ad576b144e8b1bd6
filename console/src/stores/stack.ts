/**
 * The stack the console looks at: its description from `/api/config`, the origin of each emulator,
 * and whether each one answers (checked now and every few seconds while the page is open).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { answers } from '@/api/http';
import { loadStack, originOf, type ServiceName, type StackDescription } from '@/api/stack';

export type Health = 'unknown' | 'up' | 'down';

const HEALTH_EVERY_MS = 5000;

export const useStackStore = defineStore('stack', () => {
  const description = ref<StackDescription | null>(null);
  const error = ref<string | null>(null);
  const health = ref<Partial<Record<ServiceName, Health>>>({});
  let timer: ReturnType<typeof setInterval> | undefined;

  const projectId = computed(() => description.value?.projectId ?? '');

  function origin(service: ServiceName): string | null {
    const address = description.value?.emulators[service];
    return address ? originOf(address) : null;
  }

  /** Like origin(), for code that cannot run without the service. */
  function requireOrigin(service: ServiceName): string {
    const found = origin(service);
    if (!found) throw new Error(`The ${service} emulator is not part of this stack.`);
    return found;
  }

  async function checkHealth(): Promise<void> {
    const emulators = description.value?.emulators ?? {};
    const results = await Promise.all(
      (Object.keys(emulators) as ServiceName[]).map(async (service) => {
        const address = emulators[service];
        const up = address ? await answers(originOf(address)) : false;
        return [service, up ? 'up' : 'down'] as const;
      }),
    );
    health.value = Object.fromEntries(results);
  }

  async function load(): Promise<void> {
    try {
      description.value = await loadStack();
      error.value = null;
    } catch (e) {
      error.value = `Cannot read the stack's description: ${(e as Error).message}`;
      return;
    }
    await checkHealth();
    clearInterval(timer);
    timer = setInterval(() => void checkHealth(), HEALTH_EVERY_MS);
  }

  return { description, error, health, projectId, origin, requireOrigin, load, checkHealth };
});
