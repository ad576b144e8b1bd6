/**
 * A request body ready for `POST /functions/projects/{p}/triggers/{key}`. The Functions emulator
 * hands it unchanged to the runtime, which parses a structured CloudEvent (v2 functions) or a
 * legacy background event (v1 functions) from the JSON body.
 */
export interface OutgoingEvent {
  contentType: string;
  body: string;
}

const CLOUD_EVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';
const LEGACY_EVENT_CONTENT_TYPE = 'application/json';

/** A CloudEvent in structured mode: attributes and `data` in one JSON object. */
export function cloudEvent(attributes: Record<string, unknown>, data: unknown): OutgoingEvent {
  return {
    contentType: CLOUD_EVENT_CONTENT_TYPE,
    body: JSON.stringify({
      specversion: '1.0',
      ...attributes,
      datacontenttype: 'application/json',
      data,
    }),
  };
}

/**
 * The flat legacy format of 1st gen background functions. The emulator's runtime lifts every key
 * but `data` into the function's context; it keeps `resource` an object only for Storage events.
 */
export function legacyEvent(context: Record<string, unknown>, data: unknown): OutgoingEvent {
  return { contentType: LEGACY_EVENT_CONTENT_TYPE, body: JSON.stringify({ ...context, data }) };
}
