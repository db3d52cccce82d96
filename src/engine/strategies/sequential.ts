/**
 * `sequential`: the reference. Every transaction in block order on one VM, against a single-version state, on one
 * worker. Every other strategy must commit exactly what this one commits. Its worker runs the reference path
 * (`reference` batches: no multi-version memory), so a defect there cannot hide in both sides of the comparison.
 */
import type { Policy, PolicyHost, StrategyDef } from '../runtime/policy.ts';
import type { TaskResult } from '../workers/protocol.ts';

/** Transactions per call: small enough to stream the trace, large enough that messaging costs nothing. */
const CHUNK = 64;

class SequentialPolicy implements Policy {
  /** Two batches at a time: the worker runs the next one while the coordinator takes in and commits the last. With
   * one, it idled for a round trip and 64 commits a batch: a quarter of a light block's run (13,287,210: 23 batches,
   * 31–55 ms of 124–233 ms). Its single-version state applies each batch after the one before, in order; a replacement
   * worker gets both again, in order, from the committed state (`runtime/poolTransport.ts`). */
  readonly maxInflight = 2;
  private readonly results: (TaskResult | undefined)[] = [];
  /** Next transaction to hand out. */
  private sent = 0;

  constructor(private readonly host: PolicyHost) {
    for (let tx = 0; tx < host.n; tx++) host.event(tx, 0, { kind: 'queued' });
  }

  next(w: number): { tasks: { tx: number; incarnation: number }[]; reference: true; lazySenders: true } | null {
    if (w !== 0 || this.sent >= this.host.n) return null;
    const to = Math.min(this.host.n, this.sent + CHUNK);
    const tasks = [];
    for (let tx = this.sent; tx < to; tx++) tasks.push({ tx, incarnation: 0 });
    this.sent = to;
    // Senders read lazily on the exact state (checked at once, so the execution is the one full reads give): its
    // trace then says which reads were only conditions and which writes were deltas, as the conflict analysis needs.
    return { tasks, reference: true, lazySenders: true };
  }

  onResults(_w: number, results: TaskResult[]): void {
    for (const r of results) this.results[r.tx] = r;
  }

  head(tx: number): TaskResult | null {
    return this.results[tx] ?? null;
  }

  committed(r: TaskResult): void {
    // A replacement worker rebuilds its state from the committed writes.
    this.host.publishResult(r);
    this.results[r.tx] = undefined;
  }
}

export const sequential: StrategyDef = {
  name: 'sequential',
  policy: (host) => new SequentialPolicy(host),
};
