// Delivers an event to a function of the Functions emulator by hand, the way the emulators do:
// a structured CloudEvent POSTed to /functions/projects/{project}/triggers/{key}, answered once
// the function has run. For tests of what a redelivery does, which the emulators never produce.
import { z } from 'zod';
import { functionsEmulator, projectId } from './env.js';

const origin = `http://${functionsEmulator.host}:${functionsEmulator.port}`;
const triggersUrl = `${origin}/functions/projects/${encodeURIComponent(projectId)}/triggers`;

const backendsSchema = z.object({
  backends: z.array(
    z.object({
      functionTriggers: z.array(
        z.object({
          name: z.string(),
          id: z.string(),
          eventTrigger: z.object({ eventType: z.string() }).optional(),
        }),
      ),
    }),
  ),
});

/** What a Storage trigger receives as `data`: the object's GCS JSON resource. */
export interface StorageObject {
  bucket: string;
  name: string;
  updated: string;
  [field: string]: unknown;
}

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: unknown;
  [extension: string]: unknown;
}

export interface TriggerAnswer {
  status: number;
  body: string;
}

async function eventTrigger(functionName: string): Promise<{ id: string; eventType: string }> {
  const response = await fetch(`${origin}/backends`);
  const { backends } = backendsSchema.parse(await response.json());
  const trigger = backends
    .flatMap((backend) => backend.functionTriggers)
    .find((candidate) => candidate.name === functionName);
  if (!trigger?.eventTrigger) throw new Error(`${functionName} is not an event trigger here`);
  return { id: trigger.id, eventType: trigger.eventTrigger.eventType };
}

/**
 * The key the emulator routes `{id}` events by, `{id}-{generation}`: published only in its 404
 * answer for an unknown trigger, where the highest generation is the live one.
 */
async function triggerKey(id: string): Promise<string> {
  const response = await fetch(`${triggersUrl}/hearth-test-probe`, { method: 'POST' });
  const listed = (await response.text()).split('valid functions are:')[1]?.split(',') ?? [];
  const generations = listed
    .map((key) => key.trim())
    .filter((key) => key.startsWith(`${id}-`) && /^\d+$/.test(key.slice(id.length + 1)))
    .map((key) => Number(key.slice(id.length + 1)));
  if (generations.length === 0) throw new Error(`the Functions emulator lists no key for ${id}`);
  return `${id}-${Math.max(...generations)}`;
}

/** The CloudEvent Cloud Storage sends `functionName` (a 2nd gen Storage trigger) about `object`. */
export async function storageObjectEvent(
  functionName: string,
  object: StorageObject,
  eventId: string,
): Promise<CloudEvent> {
  const { eventType } = await eventTrigger(functionName);
  return {
    specversion: '1.0',
    id: eventId,
    source: `//storage.googleapis.com/projects/_/buckets/${object.bucket}`,
    type: eventType,
    time: object.updated,
    subject: `objects/${object.name}`,
    bucket: object.bucket,
    datacontenttype: 'application/json',
    data: object,
  };
}

/** POSTs `event` to `functionName` and answers once the function has run (or failed). */
export async function deliverEvent(
  functionName: string,
  event: CloudEvent,
): Promise<TriggerAnswer> {
  const key = await triggerKey((await eventTrigger(functionName)).id);
  const response = await fetch(`${triggersUrl}/${encodeURIComponent(key)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
    body: JSON.stringify(event),
  });
  return { status: response.status, body: await response.text() };
}
