/**
 * Every rules evaluation the emulators report, newest first, live: one stream per service from
 * the Hearth emulator's request logs. Google's emulators have none; the store says so.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { openEventStream } from '@/api/eventStream';
import {
  hasRequestLog,
  requestLogUrl,
  type RequestSummary,
  type RulesService,
} from '@/api/requests';
import { useStackStore } from './stack';

/** The logs keep 5,000 per service; so does the console. */
const KEEP = 10_000;

export const useRequestsStore = defineStore('requests', () => {
  const stack = useStackStore();
  const requests = shallowRef<RequestSummary[]>([]);
  const available = ref<Record<RulesService, boolean | null>>({ firestore: null, storage: null });
  const connected = ref<Record<RulesService, boolean>>({ firestore: false, storage: false });
  let started = false;
  let incoming: RequestSummary[] = [];
  let frame = 0;

  /** Many evaluations may arrive at once: the list is rebuilt once per animation frame. */
  const add = (summary: RequestSummary) => {
    incoming.push(summary);
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      const seen = new Set(incoming.map(key));
      const merged = [...incoming.reverse(), ...requests.value.filter((r) => !seen.has(key(r)))];
      merged.sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || b.id - a.id);
      requests.value = merged.slice(0, KEEP);
      incoming = [];
    });
  };

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    for (const service of ['firestore', 'storage'] as const) {
      const origin = stack.origin(service);
      available.value[service] = origin ? await hasRequestLog(origin, stack.projectId) : false;
      if (!origin || !available.value[service]) continue;
      openEventStream<RequestSummary>(requestLogUrl(origin, stack.projectId), 'request', {
        onEvent: add,
        onState: (up) => (connected.value[service] = up),
      });
    }
  }

  const anyAvailable = computed(() => available.value.firestore || available.value.storage);

  return { requests, available, anyAvailable, connected, start };
});

export function key(request: Pick<RequestSummary, 'service' | 'id'>): string {
  return `${request.service}-${request.id}`;
}
