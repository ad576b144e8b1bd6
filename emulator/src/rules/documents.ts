/** How Firestore documents, auth and storage objects look to rules. */
import type { AuthContext, RulesDocument } from './api.js';
import {
  EagerMap,
  FieldsMap,
  fromJson,
  referenceToPath,
  RMap,
  type RPath,
  type RValue,
} from './values.js';

const KEYS = ['data', 'id', '__name__'];

/** `resource` and `get()`: `{data, id, __name__}`, each converted on first read. */
class DocumentMap extends RMap {
  private data: FieldsMap | null = null;
  private path: RPath | null = null;

  constructor(private readonly doc: RulesDocument) {
    super();
  }

  get(key: string): RValue | undefined {
    switch (key) {
      case 'data':
        return (this.data ??= new FieldsMap(this.doc.fields));
      case 'id':
        return this.doc.name.slice(this.doc.name.lastIndexOf('/') + 1);
      case '__name__':
        return (this.path ??= referenceToPath(this.doc.name));
      default:
        return undefined;
    }
  }

  keys(): string[] {
    return [...KEYS];
  }
}

/**
 * Stored documents are immutable values, so their rules view (and the fields it has converted)
 * is kept with them and shared by every request that reads the same document object.
 */
const documentCache = new WeakMap<RulesDocument, DocumentMap>();

export function documentValue(doc: RulesDocument): RMap {
  let v = documentCache.get(doc);
  if (!v) {
    v = new DocumentMap(doc);
    documentCache.set(doc, v);
  }
  return v;
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
