/**
 * Deterministic randomness for the fault campaign: the same seed gives the same case mix and fault schedule
 * (SHA-256 of the seed and a counter, so nothing here depends on Math.random).
 */
import crypto from 'node:crypto';

export interface TRandom {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: string): TRandom {
  let counter = 0;
  const next = () => crypto.createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
