import { describe, expect, it } from 'vitest';
import { PerKeyLimit } from './perKeyLimit.js';

/** A task that records how many of its key's tasks run with it, and ends when told. */
function tracked(running: Map<string, number>, peaks: Map<string, number>, key: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task = async () => {
    const now = (running.get(key) ?? 0) + 1;
    running.set(key, now);
    peaks.set(key, Math.max(peaks.get(key) ?? 0, now));
    await done;
    running.set(key, (running.get(key) ?? 1) - 1);
    return key;
  };
  return { task, finish };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PerKeyLimit', () => {
  it('runs at most `limit` tasks of one key at once, the rest in the order they came', async () => {
    const limit = new PerKeyLimit(2);
    const running = new Map<string, number>();
    const peaks = new Map<string, number>();
    const started: number[] = [];
    const tasks = Array.from({ length: 5 }, () => tracked(running, peaks, 'f'));
    const results = tasks.map(({ task }, index) =>
      limit.run('f', async () => {
        started.push(index);
        return task();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    tasks[1]!.finish();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const { finish } of tasks) finish();
    expect(await Promise.all(results)).toEqual(['f', 'f', 'f', 'f', 'f']);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peaks.get('f')).toBe(2);
  });

  it('does not hold one key’s tasks behind another’s', async () => {
    const limit = new PerKeyLimit(1);
    const running = new Map<string, number>();
    const peaks = new Map<string, number>();
    const slow = tracked(running, peaks, 'slow');
    void limit.run('slow', slow.task);
    const fast = tracked(running, peaks, 'fast');
    fast.finish();
    expect(await limit.run('fast', fast.task)).toBe('fast');
    slow.finish();
  });

  it('frees the slot of a task that failed', async () => {
    const limit = new PerKeyLimit(1);
    await expect(limit.run('f', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await limit.run('f', async () => 'next')).toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new PerKeyLimit(0)).toThrow(RangeError);
  });
});
