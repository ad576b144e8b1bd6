/**
 * Reproducible randomness for the fuzz suites (mulberry32: small, fast, and the same sequence for
 * the same seed everywhere), so a failing case can be replayed. Tests only: testing/ is left out
 * of emulator/dist.
 */
export interface SeededRandom {
  /** The next number in [0, 1). */
  random(): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random,
    pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T,
  };
}
