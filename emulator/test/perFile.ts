/**
 * What a test file sets up once: `start` runs before its tests and the closers it registered run
 * after them, the last registered first (also when `start` failed part way). The object returned
 * reads the started value's properties, so a file can hold it at the top and use it in its tests.
 */
import { afterAll, beforeAll } from 'vitest';

export function perFile<T extends object>(
  start: (onClose: (close: () => unknown) => void) => Promise<T>,
): T {
  let value: T | undefined;
  const closers: (() => unknown)[] = [];
  beforeAll(async () => {
    value = await start((close) => closers.unshift(close));
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (value === undefined) throw new Error(`${String(key)} is read before the file started.`);
      return Reflect.get(value, key);
    },
  });
}
