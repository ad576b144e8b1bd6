/**
 * The writes behind each edit the console makes, built so that one commit does the whole edit
 * (Firestore applies a commit's writes all or none) and so that an edit never lands on a document
 * that changed or vanished since it was shown.
 */
import type { Fields, Value } from './firestoreValue';
import { formatFieldPath } from './names';
import type { Write } from './restTypes';

/** `{a: {b: value}}` as nested map values, for an update mask of `a.b`. */
function nestedFields(segments: readonly string[], value: Value): Fields {
  const [head, ...rest] = segments as [string, ...string[]];
  return {
    [head]: rest.length === 0 ? value : { mapValue: { fields: nestedFields(rest, value) } },
  };
}

/** Sets one field (creating the maps on its path), leaving every other field as it is. */
export function setFieldWrite(name: string, field: readonly string[], value: Value): Write {
  return {
    update: { name, fields: nestedFields(field, value) },
    updateMask: { fieldPaths: [formatFieldPath(field)] },
    currentDocument: { exists: true },
  };
}

/** Removes one field: it is in the mask but not in the fields. */
export function deleteFieldWrite(name: string, field: readonly string[]): Write {
  return {
    update: { name, fields: {} },
    updateMask: { fieldPaths: [formatFieldPath(field)] },
    currentDocument: { exists: true },
  };
}

/** Creates a document; fails (ALREADY_EXISTS) rather than overwrite one of the same id. */
export function createDocumentWrite(name: string, fields: Fields): Write {
  return { update: { name, fields }, currentDocument: { exists: false } };
}

/**
 * Replaces a document's fields, only if it is still the version that was shown (else Firestore
 * answers FAILED_PRECONDITION and nothing is written).
 */
export function replaceDocumentWrite(name: string, fields: Fields, shownUpdateTime: string): Write {
  return { update: { name, fields }, currentDocument: { updateTime: shownUpdateTime } };
}

export function deleteDocumentWrite(name: string): Write {
  return { delete: name };
}

const AUTO_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 20-character random id, as the client SDKs make for `doc()` and `addDoc()`. */
export function autoId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(40));
  let id = '';
  // 62 letters: reject bytes that would favour some of them.
  for (const byte of bytes) {
    if (byte < 248) id += AUTO_ID_ALPHABET[byte % 62];
    if (id.length === 20) break;
  }
  return id.length === 20 ? id : autoId();
}
