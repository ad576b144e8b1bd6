import { loadOnce } from '@/domain/loadOnce';
import type { Observer, Unsubscribe } from '../ports';

export const loadFirestore = loadOnce(() => import('./firestore'));
export const loadStorage = loadOnce(() => import('./storage'));
export const loadFunctions = loadOnce(() => import('./functions'));
export const loadMessaging = loadOnce(() => import('./messaging'));

/**
 * A subscription that can only start once `load` has brought its SDK, answered at once with a
 * handle: stopping before the load ends means it never starts; a load that fails goes to `observer`.
 */
export function subscribeWhenLoaded<M, T>(
  load: () => Promise<M>,
  subscribe: (module: M) => Unsubscribe,
  observer: Observer<T>,
): Unsubscribe {
  let stopped = false;
  let stop: Unsubscribe | null = null;
  load().then(
    (module) => {
      if (!stopped) stop = subscribe(module);
    },
    (error: unknown) => {
      if (!stopped) observer.error(error);
    },
  );
  return () => {
    stopped = true;
    stop?.();
  };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 20;

/**
 * A new document id of the kind Firestore's `doc(collection)` makes (20 random letters and
 * digits), known before the Firestore SDK has loaded so that a write can return its id at once.
 */
export function newDocumentId(): string {
  // 248 is the largest multiple of 62 below 256: bytes above it are drawn again, so every
  // character is equally likely.
  const limit = ID_ALPHABET.length * Math.floor(256 / ID_ALPHABET.length);
  let id = '';
  while (id.length < ID_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(ID_LENGTH * 2))) {
      if (byte < limit && id.length < ID_LENGTH) id += ID_ALPHABET[byte % ID_ALPHABET.length];
    }
  }
  return id;
}
