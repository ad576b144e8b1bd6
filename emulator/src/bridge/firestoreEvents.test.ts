import { describe, expect, it } from 'vitest';
import { fieldsFrom } from '../model/value.js';
import { toDocumentEvent, type DocumentEvent } from './documentChange.js';
import { firesOn, firestoreEventFor, type CommitContext } from './firestoreEvents.js';
import type { StoredDocument } from './sources.js';
import { parseTrigger, type FirestoreTriggerV1, type FirestoreTriggerV2 } from './triggers.js';

const v2 = (eventType: string, filters: object, patterns: object = {}) =>
  parseTrigger({
    id: 'us-central1-f',
    platform: 'gcfv2',
    eventTrigger: {
      eventType,
      eventFilters: { database: '(default)', namespace: '(default)', ...filters },
      eventFilterPathPatterns: patterns,
    },
  }) as FirestoreTriggerV2;

const v1 = (operation: string, resource: string) =>
  parseTrigger({
    id: 'us-central1-f',
    platform: 'gcfv1',
    eventTrigger: {
      eventType: `providers/cloud.firestore/eventTypes/document.${operation}`,
      resource,
    },
  }) as FirestoreTriggerV1;

const name = (path: string, database = '(default)') =>
  `projects/demo-p/databases/${database}/documents/${path}`;

function stored(path: string, title: string, database = '(default)'): StoredDocument {
  return {
    name: name(path, database),
    fields: { title: { stringValue: title } },
    createTime: { seconds: 100, nanos: 0 },
    updateTime: { seconds: 200, nanos: 5000 },
  };
}

const created = (path: string, database = '(default)') =>
  toDocumentEvent({
    name: name(path, database),
    before: null,
    after: stored(path, 'a', database),
  }) as DocumentEvent;
const updated = (path: string) =>
  toDocumentEvent({
    name: name(path),
    before: stored(path, 'a'),
    after: stored(path, 'b'),
  }) as DocumentEvent;
const deleted = (path: string) =>
  toDocumentEvent({ name: name(path), before: stored(path, 'a'), after: null }) as DocumentEvent;

const commit: CommitContext = {
  eventId: 'event-1',
  commitTime: { seconds: 200, nanos: 5000 },
  auth: { uid: 'alice', token: {} },
};

describe('which Firestore triggers a change fires', () => {
  it('fires created, updated and deleted triggers only on their operation, written on all', () => {
    const pattern = { document: 'lists/{listId}' };
    const events = [created('lists/l1'), updated('lists/l1'), deleted('lists/l1')];
    const fired = (type: string) =>
      events
        .filter((event) =>
          firesOn(v2(`google.cloud.firestore.document.v1.${type}`, {}, pattern), event),
        )
        .map((e) => e.operation);
    expect(fired('created')).toEqual(['created']);
    expect(fired('updated')).toEqual(['updated']);
    expect(fired('deleted')).toEqual(['deleted']);
    expect(fired('written')).toEqual(['created', 'updated', 'deleted']);
    expect(fired('written.withAuthContext')).toEqual(['created', 'updated', 'deleted']);
  });

  it('fires on the pattern or the exact document only', () => {
    const written = 'google.cloud.firestore.document.v1.written';
    expect(
      firesOn(v2(written, {}, { document: 'lists/{id}/todos/{t}' }), created('lists/l1/todos/t1')),
    ).toBe(true);
    expect(
      firesOn(v2(written, {}, { document: 'lists/{id}/todos/{t}' }), created('lists/l1')),
    ).toBe(false);
    expect(firesOn(v2(written, { document: 'settings/global' }), created('settings/global'))).toBe(
      true,
    );
    expect(firesOn(v2(written, { document: 'settings/global' }), created('settings/other'))).toBe(
      false,
    );
  });

  it('fires only for the trigger database and the default namespace', () => {
    const written = 'google.cloud.firestore.document.v1.written';
    expect(firesOn(v2(written, {}, { document: 'a/{b}' }), created('a/b', 'other'))).toBe(false);
    expect(
      firesOn(v2(written, { database: 'other' }, { document: 'a/{b}' }), created('a/b', 'other')),
    ).toBe(true);
    expect(firesOn(v2(written, { namespace: 'ns' }, { document: 'a/{b}' }), created('a/b'))).toBe(
      false,
    );
  });

  it('fires v1 triggers on project, database and path', () => {
    expect(
      firesOn(v1('create', 'projects/demo-p/databases/(default)/documents/a/{b}'), created('a/b')),
    ).toBe(true);
    expect(
      firesOn(v1('create', 'projects/other/databases/(default)/documents/a/{b}'), created('a/b')),
    ).toBe(false);
    expect(
      firesOn(v1('update', 'projects/demo-p/databases/(default)/documents/a/{b}'), created('a/b')),
    ).toBe(false);
  });
});

describe('Firestore events', () => {
  it('sends v2 functions a structured CloudEvent with DocumentEventData in JSON', () => {
    const trigger = v2(
      'google.cloud.firestore.document.v1.updated',
      {},
      { document: 'lists/{id}' },
    );
    const outgoing = firestoreEventFor(trigger, updated('lists/l1'), commit);
    expect(outgoing.contentType).toBe('application/cloudevents+json; charset=utf-8');
    expect(JSON.parse(outgoing.body)).toEqual({
      specversion: '1.0',
      id: 'event-1',
      source: '//firestore.googleapis.com/projects/demo-p/databases/(default)',
      type: 'google.cloud.firestore.document.v1.updated',
      time: '1970-01-01T00:03:20.000005Z',
      subject: 'documents/lists/l1',
      project: 'demo-p',
      database: '(default)',
      namespace: '(default)',
      document: 'lists/l1',
      location: 'nam5',
      datacontenttype: 'application/json',
      data: {
        value: {
          name: name('lists/l1'),
          fields: { title: { stringValue: 'b' } },
          createTime: '1970-01-01T00:01:40Z',
          updateTime: '1970-01-01T00:03:20.000005Z',
        },
        oldValue: {
          name: name('lists/l1'),
          fields: { title: { stringValue: 'a' } },
          createTime: '1970-01-01T00:01:40Z',
          updateTime: '1970-01-01T00:03:20.000005Z',
        },
        updateMask: { fieldPaths: ['title'] },
      },
    });
  });

  it('writes fields named like JavaScript built-ins into the CloudEvent as they are', () => {
    const fields = fieldsFrom([
      ['toString', { stringValue: 't' }],
      [
        '__proto__',
        { mapValue: { fields: fieldsFrom([['constructor', { booleanValue: true }]]) } },
      ],
    ]);
    const event = toDocumentEvent({
      name: name('lists/l1'),
      before: null,
      after: { ...stored('lists/l1', 'x'), fields },
    });
    const outgoing = firestoreEventFor(
      v2('google.cloud.firestore.document.v1.created', {}, { document: 'lists/{id}' }),
      event as DocumentEvent,
      commit,
    );
    const data = JSON.parse(outgoing.body).data;
    expect(Object.keys(data.value.fields)).toEqual(['toString', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(data.value.fields, '__proto__')?.value).toEqual({
      mapValue: { fields: { constructor: { booleanValue: true } } },
    });
  });

  it('sends only the new value on creation and only the old one on deletion', () => {
    const written = v2(
      'google.cloud.firestore.document.v1.written',
      {},
      { document: 'lists/{id}' },
    );
    expect(
      Object.keys(JSON.parse(firestoreEventFor(written, created('lists/l1'), commit).body).data),
    ).toEqual(['value']);
    expect(
      Object.keys(JSON.parse(firestoreEventFor(written, deleted('lists/l1'), commit).body).data),
    ).toEqual(['oldValue']);
  });

  it('adds the auth context only for withAuthContext triggers', () => {
    const plain = v2('google.cloud.firestore.document.v1.created', {}, { document: 'lists/{id}' });
    const withAuth = v2(
      'google.cloud.firestore.document.v1.created.withAuthContext',
      {},
      { document: 'lists/{id}' },
    );
    const event = created('lists/l1');
    expect(JSON.parse(firestoreEventFor(plain, event, commit).body)).not.toHaveProperty('authtype');
    expect(JSON.parse(firestoreEventFor(withAuth, event, commit).body)).toMatchObject({
      authtype: 'app_user',
      authid: 'alice',
    });
    const admin = JSON.parse(firestoreEventFor(withAuth, event, { ...commit, auth: null }).body);
    expect(admin.authtype).toBe('service_account');
    expect(admin).not.toHaveProperty('authid');
  });

  it('sends v1 functions the legacy event with the same data', () => {
    const trigger = v1('write', 'projects/demo-p/databases/(default)/documents/lists/{id}');
    const outgoing = firestoreEventFor(trigger, created('lists/l1'), commit);
    expect(outgoing.contentType).toBe('application/json');
    const body = JSON.parse(outgoing.body);
    expect(body).toMatchObject({
      eventId: 'event-1',
      timestamp: '1970-01-01T00:03:20.000005Z',
      eventType: 'providers/cloud.firestore/eventTypes/document.write',
      resource: name('lists/l1'),
    });
    expect(body.data.value.fields).toEqual({ title: { stringValue: 'a' } });
    expect(body.data).not.toHaveProperty('oldValue');
  });
});
