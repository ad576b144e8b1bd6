import { describe, expect, it } from 'vitest';
import { parseBackends } from './triggers.js';

// Trimmed from a real `GET /backends` answer of firebase-tools 15 for the bridge fixture functions.
const definition = (id: string, platform: string, eventTrigger: unknown, extra: object = {}) => ({
  entryPoint: id,
  platform,
  region: 'us-central1',
  name: id,
  id: `us-central1-${id}`,
  codebase: 'default',
  timeoutSeconds: 60,
  eventTrigger,
  ...extra,
});

const backends = {
  backends: [
    {
      directory: '/x/functions',
      env: {},
      functionTriggers: [
        definition('todoCreated', 'gcfv2', {
          eventType: 'google.cloud.firestore.document.v1.created',
          eventFilters: { database: '(default)', namespace: '(default)' },
          eventFilterPathPatterns: { document: 'lists/{listId}/todos/{todoId}' },
        }),
        definition('fixedDocWritten', 'gcfv2', {
          eventType: 'google.cloud.firestore.document.v1.written',
          eventFilters: {
            database: '(default)',
            namespace: '(default)',
            document: 'settings/global',
          },
          eventFilterPathPatterns: {},
        }),
        definition(
          'userWrittenWithAuth',
          'gcfv2',
          {
            eventType: 'google.cloud.firestore.document.v1.written.withAuthContext',
            eventFilters: { database: 'other-db', namespace: '(default)' },
            eventFilterPathPatterns: { document: 'users/{uid}' },
          },
          { timeoutSeconds: 9 },
        ),
        definition('userWrittenV1', 'gcfv1', {
          eventType: 'providers/cloud.firestore/eventTypes/document.write',
          resource: 'projects/demo-bridge/databases/(default)/documents/users/{uid}',
        }),
        definition('objectFinalized', 'gcfv2', {
          eventType: 'google.cloud.storage.object.v1.finalized',
          resource: 'demo-bridge.appspot.com',
          eventFilters: { bucket: 'demo-bridge.appspot.com' },
        }),
        definition('objectFinalizedV1', 'gcfv1', {
          eventType: 'google.storage.object.finalize',
          resource: 'projects/_/buckets/demo-bridge.appspot.com',
        }),
        { ...definition('api', 'gcfv2', undefined), httpsTrigger: {} },
        definition('onPublish', 'gcfv2', {
          eventType: 'google.cloud.pubsub.topic.v1.messagePublished',
          resource: 't',
        }),
        definition('namespaced', 'gcfv1', {
          eventType: 'providers/cloud.firestore/eventTypes/document.create',
          resource: 'projects/demo-bridge/databases/(default)/documents@v2/users/{uid}',
        }),
        'not a definition',
      ],
    },
  ],
};

describe('parsing GET /backends', () => {
  const triggers = parseBackends(backends);
  const byId = (name: string) => triggers.find((trigger) => trigger.id === `us-central1-${name}`);

  it('keeps the Firestore and Storage event triggers and nothing else', () => {
    expect(triggers.map((trigger) => trigger.id)).toEqual([
      'us-central1-todoCreated',
      'us-central1-fixedDocWritten',
      'us-central1-userWrittenWithAuth',
      'us-central1-userWrittenV1',
      'us-central1-objectFinalized',
      'us-central1-objectFinalizedV1',
    ]);
  });

  it('reads a v2 Firestore trigger with a path pattern', () => {
    expect(byId('todoCreated')).toMatchObject({
      kind: 'firestore-v2',
      operation: 'created',
      withAuthContext: false,
      database: '(default)',
      namespace: '(default)',
      timeoutSeconds: 60,
    });
    expect(byId('todoCreated')).toHaveProperty('document.pattern');
  });

  it('reads an exact document filter, the auth context variant, the database and the timeout', () => {
    expect(byId('fixedDocWritten')).toMatchObject({
      operation: 'written',
      document: { exact: 'settings/global' },
    });
    expect(byId('userWrittenWithAuth')).toMatchObject({
      withAuthContext: true,
      database: 'other-db',
      timeoutSeconds: 9,
    });
  });

  it('reads a v1 Firestore trigger from its resource', () => {
    expect(byId('userWrittenV1')).toMatchObject({
      kind: 'firestore-v1',
      operation: 'written',
      project: 'demo-bridge',
      database: '(default)',
    });
  });

  it('reads the bucket of v2 and v1 Storage triggers', () => {
    expect(byId('objectFinalized')).toMatchObject({
      kind: 'storage-v2',
      on: 'finalized',
      bucket: 'demo-bridge.appspot.com',
    });
    expect(byId('objectFinalizedV1')).toMatchObject({
      kind: 'storage-v1',
      on: 'finalized',
      bucket: 'demo-bridge.appspot.com',
    });
  });

  it('lists a definition once although the emulator lists it once per generation', () => {
    const twice = {
      backends: [
        {
          functionTriggers: [
            ...backends.backends[0]!.functionTriggers,
            ...backends.backends[0]!.functionTriggers,
          ],
        },
      ],
    };
    expect(parseBackends(twice)).toHaveLength(triggers.length);
  });

  it('answers no triggers for answers of the wrong shape', () => {
    expect(parseBackends(null)).toEqual([]);
    expect(parseBackends({ backends: 'x' })).toEqual([]);
    expect(
      parseBackends({ backends: [{ functionTriggers: [{ id: 1, eventTrigger: {} }] }] }),
    ).toEqual([]);
  });
});
