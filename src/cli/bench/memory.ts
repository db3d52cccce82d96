/**
 * Peak memory while something runs: the process's resident set size sampled every 50 ms. Worker threads live in the
 * same process, so on Linux their heaps are part of this RSS. And the collections the benchmark forces.
 */
import { LARGE_BLOCK } from '../../engine/workers/gc.ts';

export class RssSampler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private peakBytes = 0;

  constructor(private readonly everyMs = 50) {}

  start(): this {
    this.peakBytes = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peakBytes) this.peakBytes = rss;
  }

  /** Stops sampling; returns the peak in MB (10⁶ bytes). */
  stop(): number {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.peakBytes / 1e6;
  }
}

/** Current RSS in MB (10⁶ bytes). */
export const rssMb = (): number => process.memoryUsage.rss() / 1e6;

/** The kernel's high-water mark for the whole process so far, in MB (`getrusage` max RSS, reported in KiB). */
export const maxRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / 1e6;

/**
 * Before a timed run of `txs` transactions: a full collection for a large block, so that the last run's garbage (hundreds
 * of MB) is not collected during this one; nothing for a smaller block, whose garbage is left to V8 as in any real use
 * — a full collection forced before every run deoptimised the coordinator's code, and 11,814,555 ran at 0.82× sequential
 * on 2 workers with it against 1.11× without (docs/benchmarks.md, "Where the CPU goes on two cores").
 */
export function collectBeforeRun(txs: number): void {
  if (txs >= LARGE_BLOCK) collect();
}

/** A full collection in this thread when the process runs with `--expose-gc` (`npm run bench` does). */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
