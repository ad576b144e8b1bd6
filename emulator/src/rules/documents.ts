/** How Firestore documents, auth and storage objects look to rules. */
import type { AuthContext, RulesDocument } from './api.js';
import { EagerMap, FieldsMap, fromJson, referenceToPath, type RValue } from './values.js';

/** `resource` and `get()`: `{data, id, __name__}`. */
export function documentValue(doc: RulesDocument): EagerMap {
  const name = referenceToPath(doc.name);
  const entries = new Map<string, RValue>();
  entries.set('data', new FieldsMap(doc.fields));
  entries.set('id', name.segments[name.segments.length - 1] ?? '');
  entries.set('__name__', name);
  return new EagerMap(entries);
}

const authCache = new WeakMap<AuthContext, RValue>();

/** `request.auth`: `{uid, token}`, or null when unauthenticated. Memoised per auth object. */
export function authValue(auth: AuthContext | null): RValue {
  if (!auth) return null;
  let v = authCache.get(auth);
  if (!v) {
    v = EagerMap.of({ uid: auth.uid, token: fromJson(auth.token) });
    authCache.set(auth, v);
  }
  return v;
}
