import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyedQueue.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedQueue', () => {
  it('runs the tasks of one key in order even when an earlier one is slower', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    queue.enqueue('a', async () => {
      await tick(30);
      order.push('a1');
    });
    queue.enqueue('a', async () => {
      order.push('a2');
    });
    await queue.idle();
    expect(order).toEqual(['a1', 'a2']);
  });

  it('runs different keys in parallel', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    queue.enqueue('slow', async () => {
      await tick(30);
      order.push('slow');
    });
    queue.enqueue('fast', async () => {
      order.push('fast');
    });
    await queue.idle();
    expect(order).toEqual(['fast', 'slow']);
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
