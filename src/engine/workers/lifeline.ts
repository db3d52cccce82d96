/**
 * A worker's life as something calls can race against: `race(work)` settles with `work`, or rejects with the reason
 * the worker died, whichever comes first.
 *
 * Why not `Promise.race([work, death])` with a never-settling `death` promise: each race leaves a reaction on
 * `death` that holds the race's own promise, and with it the call's result, for as long as the worker lives —
 * every result ever returned (a run's whole trace, a compiler's output) stayed in memory. Here a call is only
 * remembered while it is in flight.
 */
export class Lifeline {
  private readonly waiters = new Set<(e: Error) => void>();
  private reason: Error | undefined;

  get dead(): boolean {
    return this.reason !== undefined;
  }

  /** Ends the life: every call in flight rejects with `reason`, and so does every later one. Only the first counts. */
  end(reason: Error): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    for (const reject of this.waiters) reject(reason);
    this.waiters.clear();
  }

  /** `work()`'s outcome, unless the life ends first. A `work` that throws synchronously rejects. */
  race<T>(work: () => Promise<T>): Promise<T> {
    if (this.reason !== undefined) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      let p: Promise<T>;
      try {
        p = work();
      } catch (e) {
        return reject(e);
      }
      this.waiters.add(reject);
      p.then(resolve, reject).finally(() => this.waiters.delete(reject));
    });
  }
}
