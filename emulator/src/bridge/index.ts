/**
 * The trigger bridge: after each Firestore commit and each Storage object change, delivers an
 * event to every matching function of the firebase-tools Functions emulator, which lists our
 * Firestore and Storage triggers as "ignored" (it did not start those emulators) but runs them
 * when events arrive at `POST /functions/projects/{project}/triggers/{key}`.
 *
 * Events are routed in the order the emulators report them, then delivered per trigger and
 * document (or object) one at a time, so each function sees one document's changes in commit
 * order. Nothing here throws into the emulators or holds up a write: failures become log lines.
 */
import { randomUUID } from 'node:crypto';
import { Catalog, type CatalogSnapshot } from './catalog.js';
import { deliver, type Delivery, type DeliveryContext } from './delivery.js';
import { PerKeyLimit } from './perKeyLimit.js';
import { RingLog } from '../observe/ringLog.js';
import { toDocumentEvent } from './documentChange.js';
import { firesOn, firestoreEventFor } from './firestoreEvents.js';
import { KeyedQueue } from './keyedQueue.js';
import type {
  CommitEvent,
  FirestoreEventSource,
  ObjectEvent,
  StorageEventSource,
} from './sources.js';
import { firesOnObject, objectName, storageEventFor } from './storageEvents.js';

export type { CommitEvent, ObjectEvent } from './sources.js';

export interface BridgeOptions {
  /** The project the Functions emulator runs; commits to other projects fire nothing. */
  projectId: string;
  /** e.g. http://127.0.0.1:5001; else discovered from the emulator hub. */
  functionsOrigin?: string;
  /** e.g. http://127.0.0.1:4400; defaults to FIREBASE_EMULATOR_HUB when that is set. */
  hubOrigin?: string;
  firestore?: FirestoreEventSource;
  storage?: StorageEventSource;
  /** One line per notable happening (failed deliveries, emulator reachable or not). Default: stderr. */
  log?: (line: string) => void;
}

/** One delivery as the console's delivery log shows it; a new entry is logged as it changes. */
export interface DeliveryRecord {
  /** Increasing; the entries of one delivery share it. */
  id: number;
  /** When the event was queued, in milliseconds since the epoch. */
  queuedAt: number;
  functionId: string;
  eventType: string;
  /** `documents/lists/l1 (created)` or `gs://bucket/name (finalized)`. */
  subject: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  /** From the first attempt to the function's answer; null while pending. */
  durationMs: number | null;
  error: string | null;
}

/**
 * How many events one function is handed at once. The Functions emulator starts a new runtime (a
 * Node process loading all of functions/lib: seconds of CPU) for each event that arrives while
 * every runtime it has for that function is busy; more events wait here, in order, for a warm one.
 * The stack warms two runtimes of the upload trigger for the same reason (scripts/lib/stack.ts).
 */
const DELIVERIES_PER_FUNCTION = 2;

/** How many delivery log entries the bridge keeps (two per delivery). */
export const DELIVERY_LOG_CAPACITY = 4000;

export interface Bridge {
  /** Each delivery, logged when queued and again when it ends. */
  readonly deliveries: RingLog<DeliveryRecord>;
  /** Stops listening, abandons retries and waits for deliveries in flight to end. */
  close(): Promise<void>;
  /** Resolves when every event received so far has been delivered or given up on (for tests). */
  idle(): Promise<void>;
}

/** Routing runs under one key so that every per-document queue is filled in commit order. */
const ROUTING_KEY = '\u0000routing';

export function startBridge(options: BridgeOptions): Bridge {
  const log = options.log ?? ((line: string) => console.error(line));
  const hubOrigin = options.hubOrigin ?? hubFromEnvironment();
  if (!options.functionsOrigin && !hubOrigin) {
    log(
      'bridge: no Functions emulator to deliver to (no functionsOrigin, hubOrigin or FIREBASE_EMULATOR_HUB)',
    );
    return {
      deliveries: new RingLog(DELIVERY_LOG_CAPACITY),
      close: async () => undefined,
      idle: async () => undefined,
    };
  }
  const closing = new AbortController();
  const catalog = new Catalog({
    projectId: options.projectId,
    ...(options.functionsOrigin ? { functionsOrigin: options.functionsOrigin } : {}),
    ...(hubOrigin ? { hubOrigin } : {}),
    log,
    signal: closing.signal,
  });
  const context: DeliveryContext = {
    catalog,
    projectId: options.projectId,
    log,
    signal: closing.signal,
  };
  const queue = new KeyedQueue();
  const perFunction = new PerKeyLimit(DELIVERIES_PER_FUNCTION);
  const deliveries = new RingLog<DeliveryRecord>(DELIVERY_LOG_CAPACITY);
  let lastDeliveryId = 0;

  const guarded = (what: string, task: () => Promise<void>) => async () => {
    try {
      await task();
    } catch (error) {
      if (!closing.signal.aborted)
        log(`bridge: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const route = (what: string, fanOut: (snapshot: CatalogSnapshot) => void) => {
    if (closing.signal.aborted) return;
    queue.enqueue(
      ROUTING_KEY,
      guarded(`routing ${what}`, async () => {
        const snapshot = await catalog.current();
        if (snapshot && !closing.signal.aborted) fanOut(snapshot);
      }),
    );
  };
  const send = (orderKey: string, delivery: Delivery) => {
    const pending: DeliveryRecord = {
      id: ++lastDeliveryId,
      queuedAt: Date.now(),
      functionId: delivery.triggerId,
      eventType: delivery.eventType,
      subject: delivery.subject,
      attempts: 0,
      status: 'pending',
      durationMs: null,
      error: null,
    };
    deliveries.push(pending);
    queue.enqueue(
      orderKey,
      guarded(`delivering to ${delivery.triggerId}`, () =>
        perFunction.run(delivery.triggerId, async () => {
          const started = performance.now();
          let attempts = 0;
          const settle = (outcome: Pick<DeliveryRecord, 'status' | 'error'>) =>
            deliveries.push({
              ...pending,
              ...outcome,
              attempts,
              durationMs: Math.round(performance.now() - started),
            });
          try {
            settle(await deliver(delivery, context, () => attempts++));
          } catch (error) {
            settle({ status: 'failed', error: (error as Error).message });
            throw error;
          }
        }),
      ),
    );
  };

  const onCommit = (commit: CommitEvent) => {
    if (commit.projectId !== options.projectId) return;
    route(`commit at ${commit.commitTime.seconds}s`, (snapshot) => {
      for (const change of commit.changes) {
        const event = toDocumentEvent(change);
        if (!event) continue;
        const eventId = randomUUID();
        for (const trigger of snapshot.triggers) {
          if (trigger.kind !== 'firestore-v2' && trigger.kind !== 'firestore-v1') continue;
          if (!firesOn(trigger, event)) continue;
          send(`${trigger.id}\u0000${change.name}`, {
            triggerId: trigger.id,
            eventType: trigger.eventType,
            subject: `documents/${event.path} (${event.operation})`,
            event: firestoreEventFor(trigger, event, {
              eventId,
              commitTime: commit.commitTime,
              auth: commit.auth,
            }),
            timeoutSeconds: trigger.timeoutSeconds,
          });
        }
      }
    });
  };

  const onObjectEvent = (event: ObjectEvent) => {
    const name = objectName(event);
    route(`${event.type} of gs://${event.bucket}/${name}`, (snapshot) => {
      const eventId = randomUUID();
      const now = new Date();
      for (const trigger of snapshot.triggers) {
        if (trigger.kind !== 'storage-v2' && trigger.kind !== 'storage-v1') continue;
        if (!firesOnObject(trigger, event)) continue;
        send(`${trigger.id}\u0000${event.bucket}/${name}`, {
          triggerId: trigger.id,
          eventType: trigger.eventType,
          subject: `gs://${event.bucket}/${name} (${event.type})`,
          event: storageEventFor(trigger, event, eventId, now),
          timeoutSeconds: trigger.timeoutSeconds,
        });
      }
    });
  };

  const unsubscribe = [
    options.firestore?.onCommit(neverThrow(onCommit, log)),
    options.storage?.onObjectEvent(neverThrow(onObjectEvent, log)),
  ];

  return {
    deliveries,
    async close() {
      for (const stop of unsubscribe) stop?.();
      closing.abort();
      await queue.idle();
    },
    idle: () => queue.idle(),
  };
}

/** The emulators call listeners synchronously inside a commit: an exception must stay here. */
function neverThrow<T>(
  listener: (event: T) => void,
  log: (line: string) => void,
): (event: T) => void {
  return (event) => {
    try {
      listener(event);
    } catch (error) {
      log(`bridge: event ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** firebase-tools advertises its hub to the processes it starts as FIREBASE_EMULATOR_HUB=host:port. */
function hubFromEnvironment(): string | undefined {
  const hub = process.env.FIREBASE_EMULATOR_HUB;
  return hub ? `http://${hub}` : undefined;
}
