/**
 * The event triggers the Functions emulator lists at `GET /backends`, validated and reduced to
 * what delivery needs. Definitions are firebase-tools' EmulatedTriggerDefinition: `id` is
 * `{region}-{name}`, `platform` gcfv1 or gcfv2, and `eventTrigger` carries the event type with
 * either v2 `eventFilters`/`eventFilterPathPatterns` or a v1 `resource`. Anything else (HTTPS,
 * other services, malformed entries) is skipped: the bridge only delivers what it understands.
 */
import { parsePathPattern, type PathPattern } from './pathPattern.js';
import type { DocumentOperation } from './documentChange.js';
import type { ObjectEventType } from './sources.js';

interface TriggerBase {
  /** The definition's id, `{region}-{name}`: stable across reloads, unlike the delivery key. */
  id: string;
  /** Upper bound the emulator enforces on one execution. */
  timeoutSeconds: number;
}

export type DocumentFilter = { exact: string } | { pattern: PathPattern };

export interface FirestoreTriggerV2 extends TriggerBase {
  kind: 'firestore-v2';
  eventType: string;
  /** `written` matches every operation. */
  operation: DocumentOperation | 'written';
  withAuthContext: boolean;
  database: string;
  namespace: string;
  document: DocumentFilter;
}

export interface FirestoreTriggerV1 extends TriggerBase {
  kind: 'firestore-v1';
  eventType: string;
  operation: DocumentOperation | 'written';
  project: string;
  database: string;
  document: PathPattern;
}

export interface StorageTrigger extends TriggerBase {
  kind: 'storage-v2' | 'storage-v1';
  eventType: string;
  on: ObjectEventType;
  bucket: string;
}

export type Trigger = FirestoreTriggerV2 | FirestoreTriggerV1 | StorageTrigger;

const V2_FIRESTORE =
  /^google\.cloud\.firestore\.document\.v1\.(created|updated|deleted|written)(\.withAuthContext)?$/;
const V1_FIRESTORE =
  /^providers\/cloud\.firestore\/eventTypes\/document\.(create|update|delete|write)$/;
const V1_FIRESTORE_RESOURCE = /^projects\/([^/]+)\/databases\/([^/]+)\/documents\/(.+)$/;
const V1_OPERATIONS = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  write: 'written',
} as const;

const V2_STORAGE = /^google\.cloud\.storage\.object\.v1\.(finalized|deleted|metadataUpdated)$/;
const V1_STORAGE = /^google\.storage\.object\.(finalize|delete|metadataUpdate)$/;
const V1_STORAGE_EVENTS = {
  finalize: 'finalized',
  delete: 'deleted',
  metadataUpdate: 'metadataUpdated',
} as const;

const DEFAULT_TIMEOUT_SECONDS = 60;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Every trigger of every backend in a `GET /backends` answer, each id once. */
export function parseBackends(body: unknown): Trigger[] {
  const backends = isObject(body) && Array.isArray(body.backends) ? body.backends : [];
  const byId = new Map<string, Trigger>();
  for (const backend of backends) {
    if (!isObject(backend) || !Array.isArray(backend.functionTriggers)) continue;
    for (const definition of backend.functionTriggers) {
      const trigger = parseTrigger(definition);
      // After a hub disable/enable cycle the emulator lists each definition once per generation.
      if (trigger) byId.set(trigger.id, trigger);
    }
  }
  return [...byId.values()];
}

export function parseTrigger(definition: unknown): Trigger | null {
  if (!isObject(definition) || !isObject(definition.eventTrigger)) return null;
  const id = text(definition.id);
  const eventType = text(definition.eventTrigger.eventType);
  if (!id || !eventType) return null;
  const timeout = definition.timeoutSeconds;
  const base = {
    id,
    timeoutSeconds: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS,
  };
  const trigger = definition.eventTrigger;
  return definition.platform === 'gcfv2'
    ? parseV2(base, eventType, trigger)
    : parseV1(base, eventType, trigger);
}

function parseV2(base: TriggerBase, eventType: string, trigger: Json): Trigger | null {
  const filters = isObject(trigger.eventFilters) ? trigger.eventFilters : {};
  const firestore = V2_FIRESTORE.exec(eventType);
  if (firestore) {
    const patterns = isObject(trigger.eventFilterPathPatterns)
      ? trigger.eventFilterPathPatterns
      : {};
    const pattern = text(patterns.document);
    const exact = text(filters.document);
    const document: DocumentFilter | null = pattern
      ? { pattern: parsePathPattern(pattern) }
      : exact
        ? { exact }
        : null;
    if (!document) return null;
    return {
      ...base,
      kind: 'firestore-v2',
      eventType,
      operation: firestore[1] as FirestoreTriggerV2['operation'],
      withAuthContext: firestore[2] !== undefined,
      database: text(filters.database) ?? '(default)',
      namespace: text(filters.namespace) ?? '(default)',
      document,
    };
  }
  const storage = V2_STORAGE.exec(eventType);
  const bucket = text(filters.bucket) ?? text(trigger.resource);
  if (storage && bucket) {
    return { ...base, kind: 'storage-v2', eventType, on: storage[1] as ObjectEventType, bucket };
  }
  return null;
}

function parseV1(base: TriggerBase, eventType: string, trigger: Json): Trigger | null {
  const resource = text(trigger.resource);
  if (!resource) return null;
  const firestore = V1_FIRESTORE.exec(eventType);
  if (firestore) {
    // `documents@namespace/...` addresses a namespace, which this emulator does not have: no match.
    const target = V1_FIRESTORE_RESOURCE.exec(resource);
    if (!target) return null;
    return {
      ...base,
      kind: 'firestore-v1',
      eventType,
      operation: V1_OPERATIONS[firestore[1] as keyof typeof V1_OPERATIONS],
      project: target[1] as string,
      database: target[2] as string,
      document: parsePathPattern(target[3] as string),
    };
  }
  const storage = V1_STORAGE.exec(eventType);
  if (storage) {
    const bucket = resource.startsWith('projects/_/buckets/') ? resource.split('/')[3] : resource;
    if (!bucket) return null;
    const on = V1_STORAGE_EVENTS[storage[1] as keyof typeof V1_STORAGE_EVENTS];
    return { ...base, kind: 'storage-v1', eventType, on, bucket };
  }
  return null;
}
