/**
 * A full garbage collection now, where the JavaScript engine allows it (Node with `--expose-gc`, as the CLI and the
 * benchmark run; a no-op in browsers). For the moments a large run leaves hundreds of MB of garbage behind and the
 * thread is about to sit idle or to allocate again (docs/benchmarks.md, "100,000 transactions"): collecting then keeps
 * the process's peak lower than letting the heap grow until V8 decides to.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Transactions from which a run leaves garbage worth a full collection (100,000 payments: hundreds of MB per thread;
 * a collection costs ~0.1–0.5 s). */
export const LARGE_BLOCK = 10_000;

/** The platform's say over the heap while a run executes, given whether its block is large: returns what undoes it.
 * Node's CLI bounds V8's heap growth except while a lighter block runs (`cli/pool.ts`); a browser has no say. */
export type HeapPolicy = (large: boolean) => () => void;

let heapPolicy: HeapPolicy = () => () => {};

export function setHeapPolicy(policy: HeapPolicy): void {
  heapPolicy = policy;
}

/** Applies the heap policy for a run of `txCount` transactions; call what it returns when the run is over. */
export function heapForRun(txCount: number): () => void {
  return heapPolicy(txCount >= LARGE_BLOCK);
}
