/**
 * One of the Scale lab's sweeps as the page sees it: the latest (partial) result, whether it runs, its error and how
 * long it took. Each sweep has a key (what it simulates); starting another key drops the older one's results, and a
 * cancelled sweep (a newer one, a real run) is quiet.
 */
import { isRunCancelled } from '../../app/coordinator/protocol.ts';
import { errorMessage } from '../../app/errorMessage.ts';

export class SweepRunner<T> {
  result = $state.raw<T | null>(null);
  running = $state(false);
  error = $state('');
  /** Wall time of the last finished sweep, ms. */
  elapsed = $state(0);
  /** The key of the last finished sweep. */
  done = $state('');
  private current = '';

  /** `key` is finished, or on its way. */
  has(key: string): boolean {
    return key === this.done || key === this.current;
  }

  start(key: string, sweep: (onProgress: (partial: T) => void) => Promise<T>): void {
    this.current = key;
    this.running = true;
    this.error = '';
    const t0 = performance.now();
    sweep((partial) => {
      if (this.current === key) this.result = partial;
    })
      .then(
        (result) => {
          if (this.current !== key) return;
          this.result = result;
          this.done = key;
          this.elapsed = performance.now() - t0;
        },
        (e: unknown) => {
          if (this.current === key && !isRunCancelled(e)) this.error = errorMessage(e);
        },
      )
      .finally(() => {
        if (this.current !== key) return;
        this.current = '';
        this.running = false;
      });
  }
}
