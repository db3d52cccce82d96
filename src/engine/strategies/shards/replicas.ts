/**
 * What each shard's worker knows. A shard's replica holds the pre-state (every worker starts from it), the results
 * of the transactions it executed itself, and what other shards sent it: the remote values a cross-shard
 * transaction it hosts reads, and the writes a cross-shard transaction hosted elsewhere made to its keys. Unlike the
 * other strategies, nothing is broadcast: a record reaches a worker only when the policy decides that shard needs
 * it (`want`), addressed to it in the replica log, and travels with that worker's next batch; the runtime sends it
 * again to a replacement worker.
 *
 * A record is a transaction's whole write set (the replica's unit of versioning); the trace names the keys the
 * message was about.
 */
import type { PolicyHost } from '../../runtime/policy.ts';
import type { TaskResult } from '../../workers/protocol.ts';

export class ShardReplicas {
  /** Per worker: transaction → incarnation of its record the replica holds (or is sent with its next batch). */
  private readonly known: Map<number, number>[];

  constructor(
    private readonly host: PolicyHost,
    /** The latest execution of a transaction (the policy's copy). */
    private readonly latest: (tx: number) => TaskResult | undefined,
  ) {
    this.known = Array.from({ length: host.workers }, () => new Map());
  }

  /** Worker `w` needs transaction `tx`'s latest record. */
  want(w: number, tx: number): void {
    const r = this.latest(tx);
    if (r === undefined || this.known[w].get(tx) === r.incarnation) return;
    this.host.publishResult(r, [w]);
    this.known[w].set(tx, r.incarnation);
  }

  /** Whether worker `w`'s replica holds transaction `tx`'s latest record (or will with its next batch). */
  holds(w: number, tx: number): boolean {
    const r = this.latest(tx);
    return r === undefined || this.known[w].get(tx) === r.incarnation;
  }

  /** Worker `w` ran these in a (non-isolated) batch: it recorded the finished ones itself. They are logged for it
   * all the same — skipped while it lives, sent again to a replacement, whose replica starts from the pre-state. */
  ran(w: number, results: readonly TaskResult[]): void {
    for (const r of results) {
      if (r.outcome.kind !== 'done' || (this.known[w].get(r.tx) ?? -1) >= r.incarnation) continue;
      this.host.publishResult(r, [w]);
      this.known[w].set(r.tx, r.incarnation);
    }
  }
}
