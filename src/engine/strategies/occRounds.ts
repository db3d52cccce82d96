/**
 * `occ-rounds`: speculative batches with serial commit (Saraph & Herlihy 2019; Monad's optimistic execution).
 *
 * Each round executes every uncommitted transaction in parallel against the state committed so far — nothing a
 * transaction of the same round wrote is visible to another (`isolated` batches). Then, in block order, each
 * transaction commits while its read set still matches the committed state; the first one that does not ends the
 * round, and it and everything after it run again in the next round. The first uncommitted transaction only reads
 * committed state, so every round commits at least one: the block always finishes, and a chain of N dependent
 * transactions costs N rounds — the price of having no multi-version memory.
 *
 * Two refinements keep that price bounded: a result whose reads still match the committed state at the start of a
 * round is kept rather than re-executed, and a round executes only a window of the pending transactions — twice what
 * the previous round managed to commit (at least two per worker) — so a chain does not re-execute the whole rest of
 * the block once per link.
 */
import { valuesEqual } from '../evm/keys.ts';
import type { Batch, Policy, PolicyHost, StrategyDef } from '../runtime/policy.ts';
import { baseStateOf } from '../state/baseState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../workers/protocol.ts';

/** Tasks per message: big enough to amortise a round trip, small enough to spread a round over the workers. */
const BATCH = 32;

class OccRoundsPolicy implements Policy {
  /** Only committed writes ever enter this memory, so reading it at index i gives the committed state. */
  private readonly memory: MultiVersionMemory;
  private readonly results: (TaskResult | undefined)[];
  private round = -1;
  private window: number;
  private pending: ExecTask[] = [];
  private nextIdx = 0;
  private outstanding = 0;
  private committedBefore = 0;

  constructor(private readonly host: PolicyHost) {
    this.memory = new MultiVersionMemory(baseStateOf(host.scenario));
    this.results = new Array(host.n);
    this.window = host.n;
    this.startRound();
  }

  next(): Batch | null {
    if (this.nextIdx >= this.pending.length) return null;
    const tasks = this.pending.slice(this.nextIdx, this.nextIdx + BATCH);
    this.nextIdx += tasks.length;
    this.outstanding += tasks.length;
    return { tasks, isolated: true };
  }

  onResults(_w: number, results: TaskResult[]): void {
    for (const r of results) this.results[r.tx] = r;
    this.outstanding -= results.length;
  }

  /** Commit in order, once the round has executed, while read sets hold; the first that does not ends the round. */
  head(tx: number): TaskResult | null {
    if (this.nextIdx < this.pending.length || this.outstanding > 0) return null;
    const r = this.results[tx];
    if (r !== undefined && r.outcome.kind === 'blocked') throw new Error('occ-rounds never marks ESTIMATE: a blocked execution is a bug');
    // Beyond this round's window (never executed yet), or stale: the next round runs it.
    if (r === undefined || !this.host.validateReads(this.memory, r)) {
      this.startRound();
      return null;
    }
    return r;
  }

  committed(r: TaskResult): void {
    const o = r.outcome;
    if (o.kind !== 'done') return;
    this.memory.record({ tx: r.tx, incarnation: r.incarnation, writes: o.writes, deltas: o.deltas });
    this.host.publishResult(r);
  }

  private startRound(): void {
    const { host } = this;
    const start = host.commitIdx;
    if (this.round >= 0) this.window = Math.max(2 * host.workers, 2 * (start - this.committedBefore));
    this.committedBefore = start;
    this.round++;
    this.pending = [];
    this.nextIdx = 0;
    for (let tx = start; tx < Math.min(host.n, start + this.window); tx++) {
      const r = this.results[tx];
      if (r !== undefined && holds(this.memory, r)) continue; // still valid against what is committed: kept
      this.pending.push({ tx, incarnation: this.round });
      host.event(tx, this.round, { kind: 'queued' });
    }
  }
}

/** Whether every read of `r` still has the value it saw (not a validation: nothing is counted). */
function holds(memory: MultiVersionMemory, r: TaskResult): boolean {
  const o = r.outcome;
  return o.kind !== 'blocked' && o.reads.every(([key, value]) => valuesEqual(memory.read(key, r.tx), value));
}

export const occRounds: StrategyDef = {
  name: 'occ-rounds',
  policy: (host) => new OccRoundsPolicy(host),
};
