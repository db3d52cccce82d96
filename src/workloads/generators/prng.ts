/**
 * The generators' seeded randomness: mulberry32 (from `common.ts`, pure integer arithmetic, so the same seed gives
 * the same numbers in Node and every browser) behind a few helpers. Each concern draws from its own named stream,
 * so turning one knob (say, partial access lists) does not reshuffle every other choice.
 */
import { mulberry32 } from '../common.ts';

export class Prng {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive, |values| < 2^53). */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.#next() < p;
  }

  /** A random amount in [lo, hi) `unit`s with nine random decimals; `lo` ≥ 1 and `unit` a multiple of 10^9. */
  amount(lo: number, hi: number, unit: bigint): bigint {
    return BigInt(this.between(lo, hi - 1)) * unit + BigInt(this.int(1_000_000_000)) * (unit / 1_000_000_000n);
  }

  /** Fisher–Yates, in place (arrays and typed arrays). */
  shuffle<A extends { length: number; [i: number]: unknown }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** An independent stream for one concern, derived from this generator's seed and a name. */
  static stream(seed: number, name: string): Prng {
    return new Prng(mix(seed, name));
  }
}

/** 32-bit FNV-1a of the name folded into the seed, then a murmur3 finaliser so nearby seeds land far apart. */
function mix(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
