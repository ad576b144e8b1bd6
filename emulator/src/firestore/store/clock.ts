/**
 * Commit and read times in microseconds since the epoch (Firestore's precision). Every commit gets
 * a time strictly after every time handed out before, so a snapshot announced at time T never
 * misses a commit stamped T.
 */
import type { Timestamp } from '../../model/value.js';

export type Micros = number;

export class Clock {
  private last: Micros = 0;

  /** A read time: the present, and no later commit will be stamped at or before it. */
  now(): Micros {
    this.last = Math.max(this.last, Date.now() * 1000);
    return this.last;
  }

  /** A fresh commit time. */
  next(): Micros {
    this.last = Math.max(this.last + 1, Date.now() * 1000);
    return this.last;
  }
}

export function microsToTimestamp(micros: Micros): Timestamp {
  const seconds = Math.floor(micros / 1e6);
  return { seconds, nanos: (micros - seconds * 1e6) * 1000 };
}

/** Rounds down to the microsecond: read times finer than the store's precision see the same state. */
export function timestampToMicros(ts: Timestamp): Micros {
  return ts.seconds * 1e6 + Math.floor(ts.nanos / 1000);
}
