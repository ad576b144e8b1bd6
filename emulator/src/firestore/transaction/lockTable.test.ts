import { describe, expect, it } from 'vitest';
import { LockTable, type LockOwner } from './lockTable.js';

const owner = (id: string, lastActive = Date.now()): LockOwner => ({
  id,
  aborted: false,
  lastActive,
});

describe('LockTable', () => {
  it('makes a second reader wait until the holder releases', async () => {
    const locks = new LockTable(1000);
    const a = owner('a');
    const b = owner('b');
    expect(await locks.acquire(a, 'k')).toBe(true);
    let granted = false;
    const waiting = locks.acquire(b, 'k').then((g) => (granted = g));
    await new Promise((r) => setTimeout(r, 10));
    expect(granted).toBe(false);
    locks.release(a, ['k']);
    await waiting;
    expect(granted).toBe(true);
  });

  it('refuses a wait that would close a cycle', async () => {
    const locks = new LockTable(1000);
    const a = owner('a');
    const b = owner('b');
    await locks.acquire(a, 'k1');
    await locks.acquire(b, 'k2');
    const bWaits = locks.acquire(b, 'k1');
    expect(await locks.acquire(a, 'k2')).toBe(false);
    locks.release(a, ['k1']);
    expect(await bWaits).toBe(true);
  });

  it('dooms a holder idle past the timeout and hands its locks on', async () => {
    const locks = new LockTable(30);
    const abandoned = owner('a', 0);
    const b = owner('b');
    await locks.acquire(abandoned, 'k');
    expect(await locks.acquire(b, 'k')).toBe(true);
    expect(abandoned.aborted).toBe(true);
  });

  it('refuses the waiter when the holder is still active', async () => {
    const locks = new LockTable(30);
    const busy = owner('a', Date.now() + 60_000);
    const b = owner('b');
    await locks.acquire(busy, 'k');
    expect(await locks.acquire(b, 'k')).toBe(false);
    expect(busy.aborted).toBe(false);
  });
});
