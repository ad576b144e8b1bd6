/**
 * Which Storage triggers an object event fires, and the event each one receives: 2nd gen
 * functions get a CloudEvent whose data is the object's GCS metadata, 1st gen functions the
 * legacy `google.storage.object.*` event with the same metadata.
 */
import { cloudEvent, legacyEvent, type OutgoingEvent } from './outgoingEvent.js';
import type { ObjectEvent } from './sources.js';
import type { StorageTrigger } from './triggers.js';

export function firesOnObject(trigger: StorageTrigger, event: ObjectEvent): boolean {
  return trigger.on === event.type && trigger.bucket === event.bucket;
}

export function objectName(event: ObjectEvent): string {
  return typeof event.object.name === 'string' ? event.object.name : '';
}

export function storageEventFor(
  trigger: StorageTrigger,
  event: ObjectEvent,
  eventId: string,
  now: Date,
): OutgoingEvent {
  const name = objectName(event);
  if (trigger.kind === 'storage-v1') {
    return legacyEvent(
      {
        eventId,
        timestamp: now.toISOString(),
        eventType: trigger.eventType,
        resource: {
          service: 'storage.googleapis.com',
          name: `projects/_/buckets/${event.bucket}/objects/${name}`,
          type: 'storage#object',
        },
      },
      event.object,
    );
  }
  // A new generation or new metadata happened when the object says it was updated; a deletion now.
  const updated = event.object.updated;
  const time =
    event.type !== 'deleted' && typeof updated === 'string' ? updated : now.toISOString();
  return cloudEvent(
    {
      id: eventId,
      source: `//storage.googleapis.com/projects/_/buckets/${event.bucket}`,
      type: trigger.eventType,
      time,
      subject: `objects/${name}`,
      bucket: event.bucket,
    },
    event.object,
  );
}
