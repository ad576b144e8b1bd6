/**
 * The stack the console looks at: its description from `/api/config`, the origin of each emulator,
 * and whether each one answers (checked now and every few seconds while the page is open).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  loadHealth,
  loadStack,
  originOf,
  type ServiceName,
  type StackDescription,
} from '@/api/stack';

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
    try {
      const up = await loadHealth();
      health.value = Object.fromEntries(
        Object.entries(up).map(([service, answers]) => [service, answers ? 'up' : 'down']),
      );
    } catch {
      // The console's own server is gone: nothing answers as far as the page can tell.
      health.value = Object.fromEntries(
        Object.keys(health.value).map((service) => [service, 'down']),
      );
    }
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
