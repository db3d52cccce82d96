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
