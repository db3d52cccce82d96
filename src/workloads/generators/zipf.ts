/**
 * Zipf sampling over ranks 0..n-1: P(k) ∝ 1 / (k + 1)^s. Exponent 0 is uniform; 1 is the classic "the most popular
 * item gets twice the second's share"; larger exponents pile nearly everything onto rank 0.
 *
 * The cumulative distribution is computed once (n additions) and each draw is a binary search for the first rank
 * whose cumulative weight exceeds u·total: O(log n) per sample, exact for any n and s, no rejection loop.
 */
export class Zipf {
  readonly n: number;
  readonly s: number;
  /** cdf[k] = Σ_{j ≤ k} 1/(j+1)^s (unnormalised, so it stays exact in floating point as long as possible). */
  readonly #cdf: Float64Array;

  constructor(n: number, s: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Zipf needs n ≥ 1, got ${n}`);
    if (!(s >= 0)) throw new RangeError(`Zipf needs an exponent ≥ 0, got ${s}`);
    this.n = n;
    this.s = s;
    this.#cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += s === 0 ? 1 : (k + 1) ** -s;
      this.#cdf[k] = sum;
    }
  }

  /** The rank for a uniform draw `u` in [0, 1). */
  sample(u: number): number {
    if (this.s === 0) return Math.min(this.n - 1, Math.floor(u * this.n)); // uniform: no search needed
    const cdf = this.#cdf;
    const target = u * cdf[this.n - 1]!;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Theoretical probability of rank k. */
  probability(k: number): number {
    const total = this.#cdf[this.n - 1]!;
    return (k === 0 ? this.#cdf[0]! : this.#cdf[k]! - this.#cdf[k - 1]!) / total;
  }
}
