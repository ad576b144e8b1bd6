import { describe, expect, it, vi } from 'vitest';
import { newDocumentId, subscribeWhenLoaded } from './lazy';

describe('subscribeWhenLoaded', () => {
  const observer = () => ({ next: vi.fn(), error: vi.fn() });

  it('subscribes once the module is there, and the handle stops that subscription', async () => {
    const stop = vi.fn();
    const subscribe = vi.fn(() => stop);
    const unsubscribe = subscribeWhenLoaded(async () => 'module', subscribe, observer());
    await vi.waitFor(() => expect(subscribe).toHaveBeenCalledWith('module'));
    unsubscribe();
    expect(stop).toHaveBeenCalledOnce();
  });

  it('never subscribes when stopped before the module arrived', async () => {
    let arrive: (module: string) => void = () => undefined;
    const subscribe = vi.fn(() => () => undefined);
    const unsubscribe = subscribeWhenLoaded(
      () => new Promise<string>((resolve) => (arrive = resolve)),
      subscribe,
      observer(),
    );
    unsubscribe();
    arrive('module');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('hands a failed load to the observer', async () => {
    const watcher = observer();
    subscribeWhenLoaded(() => Promise.reject(new Error('offline')), vi.fn(), watcher);
    await vi.waitFor(() => expect(watcher.error).toHaveBeenCalledWith(new Error('offline')));
  });
});

describe('newDocumentId', () => {
  it('makes ids like Firestore’s: 20 letters and digits', () => {
    expect(newDocumentId()).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('uses every character of the alphabet, and never the same id twice', () => {
    const ids = Array.from({ length: 2000 }, newDocumentId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('')).size).toBe(62);
  });
});
