import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyedQueue.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Enqueues a slow task on `slowKey`, then a fast one on `fastKey`; resolves with the order they ended in. */
async function slowThenFast(slowKey: string, fastKey: string): Promise<string[]> {
  const queue = new KeyedQueue();
  const order: string[] = [];
  queue.enqueue(slowKey, async () => {
    await tick(30);
    order.push('slow');
  });
  queue.enqueue(fastKey, async () => {
    order.push('fast');
  });
  await queue.idle();
  return order;
}

describe('KeyedQueue', () => {
  it('runs the tasks of one key in order even when an earlier one is slower', async () => {
    expect(await slowThenFast('a', 'a')).toEqual(['slow', 'fast']);
  });

  it('runs different keys in parallel', async () => {
    expect(await slowThenFast('slow', 'fast')).toEqual(['fast', 'slow']);
  });

  it('keeps going after a task fails', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    queue.enqueue('a', async () => {
      throw new Error('boom');
    });
    queue.enqueue('a', async () => {
      order.push('after');
    });
    await queue.idle();
    expect(order).toEqual(['after']);
  });

  it('idles only after tasks enqueued by running tasks have settled', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    queue.enqueue('router', async () => {
      await tick(5);
      queue.enqueue('child', async () => {
        await tick(20);
        order.push('child');
      });
    });
    await queue.idle();
    expect(order).toEqual(['child']);
  });
});
