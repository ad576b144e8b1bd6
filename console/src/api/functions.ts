/**
 * The Functions emulator's function list (`GET /backends`) and the log lines firebase-tools'
 * logging emulator streams over a WebSocket (replaying its history to each new connection).
 */
import { requestJson } from './http';

export interface FunctionInfo {
  /** `{region}-{name}`, as the emulator lists it. */
  id: string;
  /** What fires it: an event type, "https", "callable", "task queue". */
  trigger: string;
}

interface BackendsJson {
  backends?: {
    functionTriggers?: {
      id?: string;
      name?: string;
      entryPoint?: string;
      eventTrigger?: { eventType?: string };
      httpsTrigger?: unknown;
      callableTrigger?: unknown;
      taskQueueTrigger?: unknown;
      blockingTrigger?: { eventType?: string };
    }[];
  }[];
}

export async function listFunctions(origin: string): Promise<FunctionInfo[]> {
  const { backends = [] } = await requestJson<BackendsJson>(`${origin}/backends`);
  return backends.flatMap((backend) =>
    (backend.functionTriggers ?? []).map((t) => {
      const name = t.name ?? t.entryPoint ?? t.id ?? '?';
      const trigger = t.eventTrigger?.eventType
        ? t.eventTrigger.eventType
        : t.blockingTrigger?.eventType
          ? t.blockingTrigger.eventType
          : t.callableTrigger
            ? 'callable'
            : t.taskQueueTrigger
              ? 'task queue'
              : t.httpsTrigger
                ? 'https'
                : 'unknown';
      return { id: t.id ?? name, trigger };
    }),
  );
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogLine {
  /** Milliseconds since the epoch. */
  time: number;
  level: LogLevel;
  message: string;
  /** The emulator that logged it (functions, auth, hub, ...). */
  emulator: string;
  /** The function whose runtime wrote it, if any. */
  functionName: string | null;
}

interface LogBundle {
  level?: string;
  timestamp?: number;
  message?: string;
  data?: { metadata?: { emulator?: { name?: string }; function?: { name?: string } } };
}

function levelOf(level: string | undefined): LogLevel {
  const l = (level ?? 'info').toLowerCase();
  if (l === 'debug' || l === 'warn' || l === 'error') return l;
  if (l === 'warning') return 'warn';
  if (l === 'critical' || l === 'alert' || l === 'emergency') return 'error';
  return 'info';
}

export function parseLogBundle(json: string): LogLine {
  const bundle = JSON.parse(json) as LogBundle;
  return {
    time: bundle.timestamp ?? Date.now(),
    level: levelOf(bundle.level),
    message: bundle.message ?? '',
    emulator: bundle.data?.metadata?.emulator?.name ?? 'firebase',
    functionName: bundle.data?.metadata?.function?.name ?? null,
  };
}

/** Opens the logging emulator's stream; returns the function that closes it. */
export function openLogStream(
  address: string,
  onLine: (line: LogLine) => void,
  onState: (connected: boolean) => void,
): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    socket = new WebSocket(address);
    socket.addEventListener('open', () => onState(true));
    socket.addEventListener('message', (event: MessageEvent<string>) => {
      try {
        onLine(parseLogBundle(event.data));
      } catch {
        // A line that is not a log bundle: nothing to show.
      }
    });
    socket.addEventListener('close', () => {
      onState(false);
      if (!closed) retry = setTimeout(connect, 2000);
    });
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}
