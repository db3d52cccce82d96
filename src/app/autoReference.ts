/**
 * Whether a finished single run fetches its sequential reference at once, so the speedup (and the verification
 * against sequential) shows without a Verify click. Not for sequential itself (it is its own reference), not for a
 * simulated run (the Scale lab has its own), and not after a run long enough to ask first: the reference would be a
 * second run as long, started without asking.
 */
import { LARGE_RUN } from './runProgress.ts';

export function wantsReference(run: { strategy: string; txCount: number; simulated?: boolean }): boolean {
  return run.strategy !== 'sequential' && !run.simulated && run.txCount > 0 && run.txCount <= LARGE_RUN;
}
