import { describe, expect, it } from 'vitest';
import { RingLog } from './ringLog.js';

describe('RingLog', () => {
  it('keeps the newest entries, numbered from 1', () => {
    const log = new RingLog<string>(3);
    expect(log.latest).toBe(0);
    for (const entry of ['a', 'b', 'c', 'd', 'e']) log.push(entry);
    expect(log.latest).toBe(5);
    expect(log.oldest).toBe(3);
    expect([...log.since(0)]).toEqual([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
    expect([...log.since(4)]).toEqual([[5, 'e']]);
    expect(log.get(2)).toBeUndefined();
    expect(log.get(4)).toBe('d');
    expect(log.get(6)).toBeUndefined();
  });

  it('tells watchers of each append until they stop watching', () => {
    const log = new RingLog<number>(2);
    let calls = 0;
    const stop = log.watch(() => calls++);
    log.push(1);
    log.push(2);
    stop();
    log.push(3);
    expect(calls).toBe(2);
  });

  it('refuses a capacity that keeps nothing', () => {
    expect(() => new RingLog(0)).toThrow(/positive integer/);
  });
});
