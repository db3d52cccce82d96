/**
 * Peak memory while something runs: the process's resident set size sampled every 50 ms. Worker threads live in the
 * same process, so on Linux their heaps are part of this RSS.
 */
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

/** A full collection in this thread when the process runs with `--expose-gc` (`npm run bench` does). */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
