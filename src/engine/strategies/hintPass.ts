/**
 * The hint pass of `dag`, `access-locks` and the sharded strategies: every transaction executed once, in parallel,
 * to learn what it reads and writes — nothing it computes is kept. A sub-policy: the strategy hands it its workers
 * until `done`.
 *
 * Round 1 runs each transaction against the pre-state (isolated batches). A transaction whose sender's earlier
 * transaction has not run there fails that run (nonce too high, or funds an earlier transaction sends are not there
 * yet) and so says nothing about its accesses. Round 2 runs those again, each sender's in block order on one
 * worker, over round 1's writes: a nonce chain resolves in one pass. Round 1's writes reach the replicas as
 * incarnation 0 of their transactions; when the pass is over, an empty write set for each of them is published,
 * which removes those writes again — the replicas hold nothing of the hint pass when the real execution starts.
 */
import type { Batch, PolicyHost } from '../runtime/policy.ts';
import type { Hex } from '../scenario/types.ts';
import type { TaskResult } from '../workers/protocol.ts';

export class HintPass {
  /** Each transaction's hint execution. */
  readonly hints = new Map<number, TaskResult>();
  private round: 1 | 2 | 3 = 1;
  private nextIdx = 0;
  private outstanding = 0;
  private lanes: number[][] = [];
  private readonly laneSent: boolean[] = [];
  private logged: number[] = [];
  private again: number[] = [];

  /** `txs`: ascending. */
  constructor(private readonly host: PolicyHost, private readonly txs: readonly number[], private readonly batch = 16) {
    if (txs.length === 0) this.round = 3;
  }

  get done(): boolean {
    return this.round === 3;
  }

  next(w: number): Batch | null {
    if (this.round === 1) {
      if (this.nextIdx >= this.txs.length) return null;
      const tasks = this.txs.slice(this.nextIdx, this.nextIdx + this.batch).map((tx) => ({ tx, incarnation: 0, hint: true }));
      this.nextIdx += tasks.length;
      this.outstanding += tasks.length;
      return { tasks, isolated: true };
    }
    if (this.round === 2 && !this.laneSent[w] && this.lanes[w]?.length) {
      this.laneSent[w] = true;
      this.outstanding += this.lanes[w].length;
      // Not isolated: a worker's lane sees its own earlier results.
      return { tasks: this.lanes[w].map((tx) => ({ tx, incarnation: 0, hint: true })) };
    }
    return null;
  }

  onResults(results: TaskResult[]): void {
    for (const r of results) this.hints.set(r.tx, r);
    this.outstanding -= results.length;
    if (this.outstanding > 0 || (this.round === 1 && this.nextIdx < this.txs.length)) return;
    if (this.round === 1) this.startRound2();
    else this.finish();
  }

  private startRound2(): void {
    const { host } = this;
    this.again = this.txs.filter((tx) => this.hints.get(tx)!.outcome.kind === 'invalid');
    if (this.again.length === 0) {
      this.round = 3;
      return;
    }
    for (const tx of this.txs) {
      const r = this.hints.get(tx)!;
      if (r.outcome.kind !== 'done') continue;
      host.publishResult(r);
      this.logged.push(tx);
    }
    // Whole sender chains per worker, in block order.
    this.lanes = Array.from({ length: host.workers }, () => []);
    const laneOf = new Map<Hex, number>();
    for (const tx of this.again) {
      let lane = laneOf.get(host.senders[tx]);
      if (lane === undefined) laneOf.set(host.senders[tx], (lane = laneOf.size % host.workers));
      this.lanes[lane].push(tx);
    }
    this.round = 2;
  }

  private finish(): void {
    for (const tx of new Set([...this.logged, ...this.again])) {
      this.host.publish({ kind: 'writes', tx, incarnation: 0, writes: [], deltas: [], codes: [] });
    }
    this.round = 3;
  }
}
