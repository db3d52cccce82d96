/** Binary searches over ascending numeric arrays, and a growing multiset of times that answers "how many by t". */

/** First index whose value is > `x` (number of values ≤ x). */
export function upperBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is ≥ `x` (number of values < x). */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `upperBound` by a key of each element. */
export function upperBoundBy<T>(a: readonly T[], x: number, key: (v: T) => number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(a[mid]) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `lowerBound` by a key of each element (first index whose key is ≥ `x`). */
export function lowerBoundBy<T>(a: readonly T[], x: number, key: (v: T) => number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(a[mid]) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Times added in any order, kept sorted. Additions are buffered and merged on `flush`, so a batch of events costs
 * one sort of the batch plus one linear merge — appending in time order (the usual case) costs no merge at all.
 */
export class SortedTimes {
  values: number[] = [];
  private pending: number[] = [];

  add(t: number): void {
    this.pending.push(t);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const add = this.pending.sort((a, b) => a - b);
    this.pending = [];
    const v = this.values;
    if (v.length === 0 || add[0] >= v[v.length - 1]) {
      for (const x of add) v.push(x);
      return;
    }
    // Merge only the tail the batch reaches into.
    const from = upperBound(v, add[0]);
    const tail = v.splice(from);
    let i = 0;
    let j = 0;
    while (i < tail.length || j < add.length) {
      if (j >= add.length || (i < tail.length && tail[i] <= add[j])) v.push(tail[i++]);
      else v.push(add[j++]);
    }
  }

  /** How many times are ≤ t. */
  countAt(t: number): number {
    return upperBound(this.values, t);
  }

  get length(): number {
    return this.values.length;
  }
}
