import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitFromEnv } from './rateLimiter.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 3, perSecond: 0.5 }, time.now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('refills at the sustained rate, never beyond the burst', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 10 }, time.now);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    time.advance(100);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    time.advance(60_000);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per caller', () => {
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, clock().now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('forgets idle callers once it tracks many', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 5, perSecond: 100 }, time.now);
    for (let i = 0; i < 10_000; i++) limiter.take(`caller-${i}`);
    time.advance(1000);
    limiter.take('one-more');
    expect(limiter.trackedKeys).toBe(1);
  });

  it('does not let a clock going backwards add tokens', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, time.now);
    limiter.take('a');
    time.advance(-5000);
    expect(limiter.take('a').allowed).toBe(false);
  });
});

describe('rateLimitFromEnv', () => {
  it('reads positive numbers and falls back otherwise', () => {
    expect(rateLimitFromEnv({ API_RATE_BURST: '5', API_RATE_PER_SECOND: '0.5' })).toEqual({
      burst: 5,
      perSecond: 0.5,
    });
    expect(rateLimitFromEnv({ API_RATE_BURST: '-1', API_RATE_PER_SECOND: 'x' })).toEqual({
      burst: 30,
      perSecond: 1,
    });
  });
});
