// Delivers an event to a function of the Functions emulator by hand, with the bridge's own pieces
// (its reading of GET /backends, of the delivery keys and its Storage event), so a test can send
// the very event the emulators sent once more: what a redelivery does, which they never produce.
import { latestKeys } from '../../emulator/src/bridge/catalog.js';
import type { OutgoingEvent } from '../../emulator/src/bridge/outgoingEvent.js';
import { storageEventFor } from '../../emulator/src/bridge/storageEvents.js';
import { parseBackends, type StorageTrigger } from '../../emulator/src/bridge/triggers.js';
import { functionsEmulator, projectId } from './env.js';

const origin = `http://${functionsEmulator.host}:${functionsEmulator.port}`;
const triggersUrl = `${origin}/functions/projects/${encodeURIComponent(projectId)}/triggers`;

/** What a Storage trigger receives as `data`: the object's GCS JSON resource. */
export interface StorageObject {
  bucket: string;
  name: string;
  updated: string;
  [field: string]: unknown;
}

export interface TriggerAnswer {
  status: number;
  body: string;
}

/** The Storage trigger of `functionName` (definition ids are `{region}-{name}`). */
async function storageTrigger(functionName: string): Promise<StorageTrigger> {
  const response = await fetch(`${origin}/backends`);
  const trigger = parseBackends(await response.json()).find((candidate) =>
    candidate.id.endsWith(`-${functionName}`),
  );
  if (trigger?.kind !== 'storage-v2' && trigger?.kind !== 'storage-v1')
    throw new Error(`${functionName} is not a Storage trigger here`);
  return trigger;
}

/**
 * The key the emulator routes `{id}` events by, `{id}-{generation}`: published only in its 404
 * answer for an unknown trigger, where the highest generation is the live one.
 */
async function triggerKey(id: string): Promise<string> {
  const response = await fetch(`${triggersUrl}/hearth-test-probe`, { method: 'POST' });
  const listed = ((await response.text()).split('valid functions are:')[1]?.split(',') ?? []).map(
    (key) => key.trim(),
  );
  const key = latestKeys([id], listed).get(id) as string;
  if (!listed.includes(key)) throw new Error(`the Functions emulator lists no key for ${id}`);
  return key;
}

/** The event Cloud Storage sends `functionName` about `object` once it is written. */
export async function storageObjectEvent(
  functionName: string,
  object: StorageObject,
  eventId: string,
): Promise<OutgoingEvent> {
  const trigger = await storageTrigger(functionName);
  return storageEventFor(
    trigger,
    { type: 'finalized', bucket: object.bucket, object },
    eventId,
    new Date(),
  );
}

/** POSTs `event` to `functionName` and answers once the function has run (or failed). */
export async function deliverEvent(
  functionName: string,
  event: OutgoingEvent,
): Promise<TriggerAnswer> {
  const key = await triggerKey((await storageTrigger(functionName)).id);
  const response = await fetch(`${triggersUrl}/${encodeURIComponent(key)}`, {
    method: 'POST',
    headers: { 'content-type': event.contentType },
    body: event.body,
  });
  return { status: response.status, body: await response.text() };
}
