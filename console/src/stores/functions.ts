/**
 * The Functions side of the stack, live: the functions the emulator runs, each event the Hearth
 * bridge delivered to them (from its delivery log), and the log lines of firebase-tools' logging
 * emulator. Each stream is opened once and kept while the console is open.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { openEventStream } from '@/api/eventStream';
import { deliveryLogUrl, type Delivery } from '@/api/deliveries';
import { listFunctions, openLogStream, type FunctionInfo, type LogLine } from '@/api/functions';
import { useStackStore } from './stack';

/** The logging emulator replays its whole history; the console keeps the newest lines. */
const KEEP_LINES = 5000;

export const useFunctionsStore = defineStore('functions', () => {
  const stack = useStackStore();
  const functions = ref<FunctionInfo[]>([]);
  const functionsError = ref<string | null>(null);
  const deliveries = shallowRef<Delivery[]>([]);
  const bridge = ref<boolean | null>(null);
  const lines = shallowRef<LogLine[]>([]);
  const logsConnected = ref(false);
  let started = false;
  let pendingLines: LogLine[] = [];
  let frame = 0;

  async function loadFunctions(): Promise<void> {
    const origin = stack.origin('functions');
    if (!origin) return;
    try {
      functions.value = await listFunctions(origin);
      functionsError.value = null;
    } catch (error) {
      functionsError.value = (error as Error).message;
    }
  }

  function upsert(delivery: Delivery) {
    const rest = deliveries.value.filter((d) => d.id !== delivery.id);
    deliveries.value = [delivery, ...rest].sort((a, b) => b.id - a.id);
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    void loadFunctions();
    bridge.value = stack.description?.bridge ?? false;
    if (bridge.value)
      openEventStream<Delivery>(deliveryLogUrl(stack.projectId), 'delivery', { onEvent: upsert });
    const logging = stack.description?.emulators.logging;
    if (logging)
      openLogStream(
        `ws://${logging.host}:${logging.port}/`,
        (line) => {
          pendingLines.push(line);
          frame ||= requestAnimationFrame(() => {
            frame = 0;
            lines.value = [...pendingLines.reverse(), ...lines.value].slice(0, KEEP_LINES);
            pendingLines = [];
          });
        },
        (connected) => {
          // Each connection replays the whole history: start from it again.
          if (connected) lines.value = [];
          logsConnected.value = connected;
        },
      );
  }

  return {
    functions,
    functionsError,
    deliveries,
    bridge,
    lines,
    logsConnected,
    start,
    loadFunctions,
  };
});
