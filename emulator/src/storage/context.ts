/**
 * What the API adapters share: the store, upload sessions, the rules gate, and the glue that turns
 * a caller into a store `Authorize` hook. Admins bypass rules; clients are judged by storage.rules.
 */
import type { Caller } from './auth.js';
import type { RulesGate } from './rulesGate.js';
import type { SigningKeys } from './signingKeys.js';
import type { Authorize, ObjectStore } from './store/objectStore.js';
import type { StoredObject } from './store/object.js';
import { toRulesResource } from './store/views.js';
import type { UploadSessions } from './uploads.js';

export interface StorageContext {
  store: ObjectStore;
  uploads: UploadSessions;
  gate: RulesGate;
  /** The service accounts whose signed URLs can be verified. */
  signingKeys: SigningKeys;
  log: (line: string) => void;
}

/** The store hook for a write by `caller`: create, update or delete, told apart by what exists. */
export function writeAuthorizer(
  ctx: StorageContext,
  caller: Caller,
  bucket: string,
  name: string,
): Authorize | undefined {
  if (caller.kind === 'admin') return undefined;
  return (current, proposed) =>
    ctx.gate.authorize({
      method: proposed === undefined ? 'delete' : current === undefined ? 'create' : 'update',
      auth: caller.auth,
      bucket,
      path: name,
      resource: current ? toRulesResource(current) : null,
      requestResource: proposed ? toRulesResource(proposed) : null,
    });
}

/** Checks `get` on an object, or `list` on a prefix (with the request's delimiter). */
export function authorizeRead(
  ctx: StorageContext,
  caller: Caller,
  request:
    | { method: 'get'; bucket: string; name: string; object: StoredObject | undefined }
    | { method: 'list'; bucket: string; prefix: string; delimiter: string },
): void {
  if (caller.kind === 'admin') return;
  if (request.method === 'get') {
    // Judged even when the object is missing, so that a denied caller gets 403, not 404.
    ctx.gate.authorize({
      method: 'get',
      auth: caller.auth,
      bucket: request.bucket,
      path: request.name,
      resource: request.object ? toRulesResource(request.object) : null,
      requestResource: null,
    });
  } else {
    ctx.gate.authorize({
      method: 'list',
      auth: caller.auth,
      bucket: request.bucket,
      path: request.prefix.replace(/\/+$/, ''),
      delimiter: request.delimiter,
      resource: null,
      requestResource: null,
    });
  }
}
