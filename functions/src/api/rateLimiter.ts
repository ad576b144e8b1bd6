// A token bucket per caller (uid when signed in, else client IP). It lives in the memory of one
// function instance: each instance counts on its own, so the real ceiling is the limit times the
// number of instances. That stops one caller flooding an instance; a global quota would need a
// shared store (Firestore counters or Memorystore), which is not worth a round trip per request.

export interface RateLimit {
  /** Requests a caller may make at once. */
  burst: number;
  /** Tokens added back per second, up to `burst`. */
  perSecond: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Beyond this many callers, buckets that have refilled completely are forgotten. */
const MAX_TRACKED_KEYS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return {
        allowed: false,
        retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.limit.perSecond),
      };
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_TRACKED_KEYS) this.forgetIdle(now);
    return { allowed: true };
  }

  get trackedKeys(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.burst, updatedAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    return {
      tokens: Math.min(this.limit.burst, bucket.tokens + elapsedSeconds * this.limit.perSecond),
      updatedAt: now,
    };
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
  }
}

/**
 * By default a burst of 30, then one a second (60 a minute, like common public APIs): ample for
 * people and scripts, and a flood shows at once. API_RATE_BURST and API_RATE_PER_SECOND tune it.
 */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv): RateLimit {
  return {
    burst: positive(env.API_RATE_BURST, 30),
    perSecond: positive(env.API_RATE_PER_SECOND, 1),
  };
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}
