/**
 * Ctrl-C while the CLI runs the engine (`run`, `compare`, `bench`, `compare:all`). The first SIGINT aborts the
 * `AbortSignal` every run is given — the engine rejects the run with `RunCancelled` and the command unwinds, disposing
 * its worker pool on the way — and prints one line, `cancelled`, on stderr; the process exits 130. Work that does not
 * watch the signal (loading a file, the machine-ceiling measurement, the stock reference) gets `GRACE_MS` to notice
 * before the pools are disposed and the process exits 130 anyway. A second SIGINT exits at once.
 */
import { RunCancelled } from '../engine/runtime/errors.ts';
import type { WorkerPool } from '../engine/workers/pool.ts';

/** The shell's convention for "ended by SIGINT" (128 + 2). */
export const EXIT_CANCELLED = 130;
/** How long a cancelled command may take to unwind before the process exits regardless. */
export const GRACE_MS = 3_000;

const pools = new Set<WorkerPool>();
let announced = false;

/** Pools to dispose if the process has to exit before their owner's `finally` runs. */
export function trackPool(pool: WorkerPool): void {
  pools.add(pool);
}

export function untrackPool(pool: WorkerPool): void {
  pools.delete(pool);
}

function disposePools(): void {
  for (const pool of pools) {
    try {
      pool.dispose();
    } catch {
      // exiting anyway
    }
  }
  pools.clear();
}

/** Prints the one `cancelled` line, once per process. */
export function announceCancelled(): void {
  if (announced) return;
  announced = true;
  process.stderr.write('cancelled\n');
}

/** Throws `RunCancelled` if `signal` has been aborted: between runs, and before work that does not watch it. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunCancelled();
}

/**
 * Runs `fn` with SIGINT handled as above, handing it the signal to pass to every run. Once interrupted, `fn`'s
 * outcome — a result, `RunCancelled`, or whatever else a run broken off midway threw — becomes `RunCancelled`,
 * which `runMain` turns into exit code 130.
 */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    process.exitCode = EXIT_CANCELLED;
    if (interrupts > 1) {
      disposePools();
      process.exit(EXIT_CANCELLED);
    }
    announceCancelled();
    controller.abort(new RunCancelled());
    // Whatever does not watch the signal gets a moment to finish; the timer does not keep the process alive.
    setTimeout(() => {
      disposePools();
      process.exit(EXIT_CANCELLED);
    }, GRACE_MS).unref();
  };
  process.on('SIGINT', onSigint);
  try {
    const out = await fn(controller.signal);
    throwIfCancelled(controller.signal);
    return out;
  } catch (error) {
    if (controller.signal.aborted) throw error instanceof RunCancelled ? error : new RunCancelled();
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
