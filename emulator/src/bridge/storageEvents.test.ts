import { describe, expect, it } from 'vitest';
import type { ObjectEvent } from './sources.js';
import { firesOnObject, storageEventFor } from './storageEvents.js';
import { parseTrigger, type StorageTrigger } from './triggers.js';

const v2 = (type: string, bucket: string) =>
  parseTrigger({
    id: 'us-central1-f',
    platform: 'gcfv2',
    eventTrigger: {
      eventType: `google.cloud.storage.object.v1.${type}`,
      resource: bucket,
      eventFilters: { bucket },
    },
  }) as StorageTrigger;

const v1 = (type: string, bucket: string) =>
  parseTrigger({
    id: 'us-central1-f',
    platform: 'gcfv1',
    eventTrigger: {
      eventType: `google.storage.object.${type}`,
      resource: `projects/_/buckets/${bucket}`,
    },
  }) as StorageTrigger;

const object = {
  kind: 'storage#object',
  name: 'lists/l1/todos/t1/a1/original',
  bucket: 'demo-p.appspot.com',
  generation: '17',
  size: '3',
  contentType: 'image/png',
  updated: '2024-05-01T10:00:00.123Z',
};

const finalized: ObjectEvent = { type: 'finalized', bucket: 'demo-p.appspot.com', object };
const now = new Date('2024-05-01T10:00:01.000Z');

describe('which Storage triggers an object event fires', () => {
  it('fires on the event type and bucket only', () => {
    expect(firesOnObject(v2('finalized', 'demo-p.appspot.com'), finalized)).toBe(true);
    expect(firesOnObject(v2('deleted', 'demo-p.appspot.com'), finalized)).toBe(false);
    expect(firesOnObject(v2('finalized', 'other'), finalized)).toBe(false);
    expect(firesOnObject(v1('finalize', 'demo-p.appspot.com'), finalized)).toBe(true);
    expect(firesOnObject(v1('metadataUpdate', 'demo-p.appspot.com'), finalized)).toBe(false);
  });
});

describe('Storage events', () => {
  it.each([
    [
      'v2 functions a CloudEvent with the object metadata as data',
      v2('finalized', 'demo-p.appspot.com'),
      'application/cloudevents+json; charset=utf-8',
      {
        specversion: '1.0',
        id: 'e1',
        source: '//storage.googleapis.com/projects/_/buckets/demo-p.appspot.com',
        type: 'google.cloud.storage.object.v1.finalized',
        time: '2024-05-01T10:00:00.123Z',
        subject: 'objects/lists/l1/todos/t1/a1/original',
        bucket: 'demo-p.appspot.com',
        datacontenttype: 'application/json',
        data: object,
      },
    ],
    [
      'v1 functions the legacy event with a resource object',
      v1('finalize', 'demo-p.appspot.com'),
      'application/json',
      {
        eventId: 'e1',
        timestamp: '2024-05-01T10:00:01.000Z',
        eventType: 'google.storage.object.finalize',
        resource: {
          service: 'storage.googleapis.com',
          name: 'projects/_/buckets/demo-p.appspot.com/objects/lists/l1/todos/t1/a1/original',
          type: 'storage#object',
        },
        data: object,
      },
    ],
  ])('sends %s', (_name, trigger, contentType, body) => {
    const outgoing = storageEventFor(trigger, finalized, 'e1', now);
    expect(outgoing.contentType).toBe(contentType);
    expect(JSON.parse(outgoing.body)).toEqual(body);
  });

  it('dates a deletion by when it happened', () => {
    const outgoing = storageEventFor(
      v2('deleted', 'demo-p.appspot.com'),
      { ...finalized, type: 'deleted' },
      'e1',
      now,
    );
    expect(JSON.parse(outgoing.body).time).toBe('2024-05-01T10:00:01.000Z');
  });
});
