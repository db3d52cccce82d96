/**
 * What each shard's worker knows. A shard's replica holds the pre-state (every worker starts from it), the results
 * of the transactions it executed itself, and what other shards sent it: the remote values a cross-shard
 * transaction it hosts reads, and the writes a cross-shard transaction hosted elsewhere made to its keys. Unlike the
 * other strategies' log shipping, nothing is broadcast: a record reaches a worker only when the coordinator decides
 * that shard needs it (`want`), and travels with that worker's next batch.
 *
 * A record is a transaction's whole write set (the replica's unit of versioning); the trace names the keys the
 * message was about. A worker that crashes is replaced and sent again everything its replica held.
 */
import type { Hex } from '../../scenario/types.ts';
import { WorkerCrashed } from '../../workers/pool.ts';
import type { ExecTask, MemoryUpdate, TaskResult } from '../../workers/protocol.ts';
import { initWorker } from '../shared.ts';
import { RunError, type RunContext } from '../types.ts';

export class ShardReplicas {
  /** Per worker: transaction → incarnation of its record the replica holds. */
  private readonly known: Map<number, number>[];
  /** Per worker: transactions whose latest record goes with the next batch. */
  private readonly pending: Set<number>[];

  constructor(
    private readonly ctx: RunContext,
    private readonly senders: Hex[],
    /** The latest execution of a transaction (the coordinator's copy). */
    private readonly latest: (tx: number) => TaskResult | undefined,
  ) {
    this.known = Array.from({ length: ctx.workers }, () => new Map());
    this.pending = Array.from({ length: ctx.workers }, () => new Set());
  }

  /** Worker `w` needs transaction `tx`'s latest record. */
  want(w: number, tx: number): void {
    this.pending[w].add(tx);
  }

  /** Whether worker `w`'s replica holds transaction `tx`'s latest record (or will with its next batch). */
  holds(w: number, tx: number): boolean {
    const r = this.latest(tx);
    return r === undefined || this.known[w].get(tx) === r.incarnation || this.pending[w].has(tx);
  }

  /** Executes `tasks` on worker `w` after shipping what it was wanted to know. `isolated`: results not recorded. */
  async execute(w: number, tasks: ExecTask[], isolated: boolean): Promise<TaskResult[]> {
    const { pool, recorder } = this.ctx;
    for (;;) {
      const shipped: [number, number][] = [];
      const updates: MemoryUpdate[] = [];
      for (const tx of this.pending[w]) {
        const r = this.latest(tx);
        if (r === undefined || this.known[w].get(tx) === r.incarnation) continue;
        const o = r.outcome;
        const done = o.kind === 'done';
        updates.push({ kind: 'writes', tx, incarnation: r.incarnation, writes: done ? o.writes : [], deltas: done ? o.deltas : [], codes: done ? o.codes : [] });
        shipped.push([tx, r.incarnation]);
      }
      this.pending[w].clear();
      try {
        const results = await pool.call(w, (api) => api.execBatch({ updates, tasks, isolated }));
        for (const [tx, inc] of shipped) this.remember(w, tx, inc);
        // A worker records its own results at once (later tasks of the batch read them).
        if (!isolated) for (const r of results) if (r.outcome.kind === 'done') this.remember(w, r.tx, r.incarnation);
        return results;
      } catch (e) {
        if (!(e instanceof WorkerCrashed)) throw e;
        if (e.fatal) throw new RunError(`cannot run: ${e.reason}`);
        recorder.push({ t: recorder.now(), worker: w, tx: -1, incarnation: 0, kind: 'worker-crash', message: e.reason });
        await initWorker(this.ctx, w);
        await pool.call(w, (api) => api.setSenders(this.senders));
        // The replacement starts from the pre-state: everything the old replica held goes again.
        for (const tx of this.known[w].keys()) this.pending[w].add(tx);
        for (const [tx] of shipped) this.pending[w].add(tx);
        this.known[w].clear();
        recorder.push({ t: recorder.now(), worker: w, tx: -1, incarnation: 0, kind: 'worker-replaced' });
      }
    }
  }

  private remember(w: number, tx: number, incarnation: number): void {
    if ((this.known[w].get(tx) ?? -1) < incarnation) this.known[w].set(tx, incarnation);
  }
}
