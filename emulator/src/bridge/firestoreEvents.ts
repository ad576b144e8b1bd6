/**
 * Which Firestore triggers a document change fires, and the event each one receives:
 * 2nd gen functions get a CloudEvent whose data is DocumentEventData in JSON (firebase-functions
 * reads it when datacontenttype is application/json), 1st gen functions the legacy event with the
 * same data under the `providers/cloud.firestore/eventTypes/document.*` type.
 */
import type { Timestamp } from '../model/value.js';
import type { DocumentEvent } from './documentChange.js';
import { cloudEvent, legacyEvent, type OutgoingEvent } from './outgoingEvent.js';
import { matchPathPattern } from './pathPattern.js';
import type { CommitEvent } from './sources.js';
import type { FirestoreTriggerV1, FirestoreTriggerV2 } from './triggers.js';
import { encodeDocument, formatTimestamp } from '../model/json.js';

export type FirestoreTrigger = FirestoreTriggerV2 | FirestoreTriggerV1;

/** The region the event says the database lives in; the emulator has none, so Firestore's default. */
const LOCATION = 'nam5';
const DEFAULT_NAMESPACE = '(default)';

export function firesOn(trigger: FirestoreTrigger, event: DocumentEvent): boolean {
  if (trigger.operation !== 'written' && trigger.operation !== event.operation) return false;
  if (trigger.database !== event.database) return false;
  if (trigger.kind === 'firestore-v1') {
    return (
      trigger.project === event.project && matchPathPattern(trigger.document, event.path) !== null
    );
  }
  if (trigger.namespace !== DEFAULT_NAMESPACE) return false;
  return 'exact' in trigger.document
    ? trigger.document.exact.replace(/^\/+|\/+$/g, '') === event.path
    : matchPathPattern(trigger.document.pattern, event.path) !== null;
}

/** DocumentEventData (google.events.cloud.firestore.v1) in proto3 JSON, as Firestore's REST API writes documents. */
export function documentEventData(event: DocumentEvent): Record<string, unknown> {
  return {
    ...(event.after ? { value: encodeDocument(event.after) } : {}),
    ...(event.before ? { oldValue: encodeDocument(event.before) } : {}),
    ...(event.operation === 'updated' ? { updateMask: { fieldPaths: event.updatedPaths } } : {}),
  };
}

export interface CommitContext {
  eventId: string;
  commitTime: Timestamp;
  auth: CommitEvent['auth'];
}

export function firestoreEventFor(
  trigger: FirestoreTrigger,
  event: DocumentEvent,
  commit: CommitContext,
): OutgoingEvent {
  const time = formatTimestamp(commit.commitTime);
  const data = documentEventData(event);
  if (trigger.kind === 'firestore-v1') {
    return legacyEvent(
      {
        eventId: commit.eventId,
        timestamp: time,
        eventType: trigger.eventType,
        resource: `projects/${event.project}/databases/${event.database}/documents/${event.path}`,
      },
      data,
    );
  }
  return cloudEvent(
    {
      id: commit.eventId,
      source: `//firestore.googleapis.com/projects/${event.project}/databases/${event.database}`,
      type: trigger.eventType,
      time,
      subject: `documents/${event.path}`,
      project: event.project,
      database: event.database,
      namespace: DEFAULT_NAMESPACE,
      document: event.path,
      location: LOCATION,
      ...(trigger.withAuthContext ? authContext(commit.auth) : {}),
    },
    data,
  );
}

/**
 * The authcontext extension: a signed-in user is an `app_user` identified by uid; a commit without
 * a user comes from an admin (owner) caller, which production reports as a service account.
 */
function authContext(auth: CommitEvent['auth']): Record<string, string> {
  return auth ? { authtype: 'app_user', authid: auth.uid } : { authtype: 'service_account' };
}
