/**
 * Delivers one event to one trigger and waits for the function to finish (the Functions emulator
 * answers when it has run), so the next event for the same document goes out only after it.
 * Connection failures are retried a few times; a stale trigger key (404, or 204 from a disabled
 * generation) is looked up again once; anything else is logged in one line and dropped.
 */
import type { Catalog, CatalogSnapshot } from './catalog.js';
import { ConnectionError, request, sleep } from './http.js';
import type { OutgoingEvent } from './outgoingEvent.js';

export interface Delivery {
  triggerId: string;
  /** The trigger's event type (`google.cloud.firestore.document.v1.written`, ...). */
  eventType: string;
  /** What the event is about, for log lines: `documents/lists/l1 (created)`. */
  subject: string;
  event: OutgoingEvent;
  timeoutSeconds: number;
}

/** How a delivery ended, for the delivery log. */
export interface DeliveryOutcome {
  status: 'delivered' | 'failed';
  /** Why it failed, as the log line says; null when delivered. */
  error: string | null;
}

export interface DeliveryContext {
  catalog: Catalog;
  projectId: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

const CONNECTION_ATTEMPTS = 3;
const FIRST_BACKOFF_MS = 200;
/** Beyond the function's own timeout, for the emulator to start a runtime and answer. */
const TIMEOUT_GRACE_MS = 15_000;

/** `onAttempt` hears of each request sent to the Functions emulator. */
export async function deliver(
  delivery: Delivery,
  context: DeliveryContext,
  onAttempt: () => void = () => undefined,
): Promise<DeliveryOutcome> {
  const fail = (reason: string, logged = true): DeliveryOutcome => {
    if (logged)
      context.log(`bridge: ${delivery.triggerId} on ${delivery.subject} not delivered: ${reason}`);
    return { status: 'failed', error: reason };
  };
  let snapshot = await context.catalog.current();
  let reloaded = false;
  let connectionFailures = 0;
  while (!context.signal.aborted) {
    // While the emulator is unreachable the catalog has said so once; one line per event would drown it.
    if (!snapshot) return fail('the Functions emulator cannot be reached', false);
    const key = snapshot.keys.get(delivery.triggerId);
    if (!key) return fail('the function no longer exists');
    let status: number;
    let text: string;
    try {
      onAttempt();
      ({ status, text } = await post(snapshot, key, delivery, context));
      if (status === 500 && runtimeUnreachable(text))
        throw new ConnectionError(`the runtime of ${key}`, text);
    } catch (error) {
      if (!(error instanceof ConnectionError) || context.signal.aborted) throw error;
      connectionFailures++;
      if (error.timedOut || connectionFailures >= CONNECTION_ATTEMPTS) return fail(error.message);
      await sleep(FIRST_BACKOFF_MS * 2 ** (connectionFailures - 1), context.signal);
      snapshot = await context.catalog.current();
      continue;
    }
    if (status >= 200 && status < 300 && status !== 204)
      return { status: 'delivered', error: null };
    if ((status === 404 || status === 204) && !reloaded) {
      reloaded = true;
      snapshot = await context.catalog.reload();
      if (snapshot?.keys.get(delivery.triggerId) !== key) continue;
    }
    // 204 is the emulator's answer while the hub has background triggers disabled: dropping is the point.
    if (status === 204)
      return fail('background triggers are disabled in the Functions emulator', false);
    return fail(`HTTP ${status}${text ? `: ${firstLine(text)}` : ''}`);
  }
  return fail('the emulator stopped', false);
}

function post(
  snapshot: CatalogSnapshot,
  key: string,
  delivery: Delivery,
  context: DeliveryContext,
) {
  const project = encodeURIComponent(context.projectId);
  return request(
    `${snapshot.origin}/functions/projects/${project}/triggers/${encodeURIComponent(key)}`,
    {
      method: 'POST',
      headers: { 'content-type': delivery.event.contentType },
      body: delivery.event.body,
      signal: AbortSignal.any([
        context.signal,
        AbortSignal.timeout(delivery.timeoutSeconds * 1000 + TIMEOUT_GRACE_MS),
      ]),
    },
  );
}

/**
 * The emulator answers 500 with the JSON of a Node socket error when the runtime process it picked
 * is gone, typically killed right after a function threw: the event never reached a function.
 */
function runtimeUnreachable(text: string): boolean {
  try {
    const error = JSON.parse(text) as unknown;
    return typeof error === 'object' && error !== null && 'syscall' in error && 'code' in error;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
