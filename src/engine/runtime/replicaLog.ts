/**
 * The log that keeps the workers' replicas of the multi-version memory up to date: every change a policy publishes,
 * in order, and how far each worker has received it. Each batch carries what its worker has not seen; a worker is
 * not sent its own results back (it recorded them when it produced them). An entry may be addressed to some workers
 * only (shards).
 *
 * Below the commit point a replica needs one version per key, not the history. Once the log follows the run's commits
 * (`follow`), each batch also tells its worker the commit point, and the worker folds what is below it
 * (`MultiVersionMemory.foldBelow`); the log lets go of the entries of committed transactions once every worker has
 * them; and a replacement worker starts from the committed state (`CommittedState.snapshot`) followed by the entries
 * of the transactions not committed yet, instead of the whole history. That holds only if nothing is published about
 * a transaction after a worker was told it is below the commit point — `publish` checks it. A policy that sends the
 * record of a committed transaction later (the sharded strategies' cross-shard reads: `Policy.lateRecords`) is not
 * followed: its workers get the whole log, replacements too.
 */
import type { CommittedState } from '../state/committedState.ts';
import type { ExecTask, MemoryUpdate, ReplicaSeed } from '../workers/protocol.ts';
import { EngineFailure } from './errors.ts';

interface Entry {
  update: MemoryUpdate;
  /** Only these workers (undefined: every worker). */
  to?: readonly number[];
  /** The worker (and its generation) whose replica already holds it. */
  from?: { worker: number; generation: number };
}

/** The run's commits as far as the log needs them (the runtime's `Committer`). */
export interface Commits {
  /** Lowest uncommitted transaction. */
  readonly next: number;
  readonly state: CommittedState;
}

/** What a worker takes in before a batch. */
export interface ReplicaFeed {
  /** Start from this committed state (a replacement's first batch). */
  seed?: ReplicaSeed;
  updates: MemoryUpdate[];
  /** Fold what is below this transaction. */
  foldBelow?: number;
}

/** Entries of committed transactions are let go in steps of at least this many (each step copies the rest). */
const COMPACT_STEP = 1024;

export class ReplicaLog {
  /** Entries from `offset` on (a global index); those before were let go or set aside in `kept`. */
  private entries: Entry[] = [];
  private offset = 0;
  /** Entries below every worker's cursor, of transactions not committed when they were set aside: only a replacement
   * worker is sent them. */
  private kept: Entry[] = [];
  /** Per worker: the global index it has received up to; -1: a replacement, to be sent everything. */
  private readonly cursor: number[];
  /** Per worker: entries of transactions below this are covered by the committed state it started from. */
  private readonly seededBelow: number[];
  private commits?: Commits;
  /** The highest commit point any worker was told. */
  private foldSent = 0;

  constructor(workers: number) {
    this.cursor = new Array<number>(workers).fill(0);
    this.seededBelow = new Array<number>(workers).fill(0);
  }

  /** Entries published so far. */
  get length(): number {
    return this.offset + this.entries.length;
  }

  /** Entries still held (the rest were let go). */
  get held(): number {
    return this.kept.length + this.entries.length;
  }

  /** From now on, batches carry the commit point of `commits`, and replacements start from its committed state. */
  follow(commits: Commits): void {
    this.commits = commits;
  }

  publish(update: MemoryUpdate, to?: readonly number[], from?: Entry['from']): void {
    if (update.tx < this.foldSent) {
      throw new EngineFailure(
        `a record of transaction ${update.tx} was published after the workers folded their replicas below ${this.foldSent}: ` +
          'a policy that publishes about committed transactions must say so (Policy.lateRecords)',
      );
    }
    this.entries.push({ update, to, from });
  }

  /** What worker `w` (of `generation`) has not received yet; it has now. */
  take(w: number, generation: number): MemoryUpdate[] {
    const out: MemoryUpdate[] = [];
    const wanted = (e: Entry): boolean =>
      e.update.tx >= this.seededBelow[w] &&
      (e.to === undefined || e.to.includes(w)) &&
      !(e.from !== undefined && e.from.worker === w && e.from.generation === generation);
    let start = this.cursor[w];
    if (start < 0) {
      for (const e of this.kept) if (wanted(e)) out.push(e.update);
      start = this.offset;
    }
    for (let i = start - this.offset; i < this.entries.length; i++) if (wanted(this.entries[i])) out.push(this.entries[i].update);
    this.cursor[w] = this.length;
    return out;
  }

  /** What worker `w` takes in before a batch of `tasks`: the committed state if it is a replacement, the updates it
   * has not seen, and the commit point (never above the batch's own transactions). */
  feed(w: number, generation: number, tasks: readonly ExecTask[]): ReplicaFeed {
    const commits = this.commits;
    if (commits === undefined) return { updates: this.take(w, generation) };
    let seed: ReplicaSeed | undefined;
    if (this.cursor[w] < 0) {
      seed = { below: commits.next, ...commits.state.snapshot() };
      this.seededBelow[w] = commits.next;
    }
    const updates = this.take(w, generation);
    const foldBelow = tasks.reduce((c, t) => Math.min(c, t.tx), commits.next);
    this.foldSent = Math.max(this.foldSent, foldBelow);
    this.compact(commits.next);
    return seed ? { seed, updates, foldBelow } : { updates, foldBelow };
  }

  /** Worker `w` was replaced: its replica is empty again. */
  reset(w: number): void {
    this.cursor[w] = this.commits === undefined ? 0 : -1;
    this.seededBelow[w] = 0;
  }

  /** Lets go of the entries every worker has received: those of committed transactions, which a replacement gets
   * in the committed state; the rest are set aside for replacements. */
  private compact(committed: number): void {
    const received = Math.min(...this.cursor);
    if (received < 0 || received - this.offset < COMPACT_STEP) return;
    const uncommitted = (e: Entry) => e.update.tx >= committed;
    const moved = this.entries.slice(0, received - this.offset);
    this.kept = [...this.kept.filter(uncommitted), ...moved.filter(uncommitted)];
    this.entries = this.entries.slice(received - this.offset);
    this.offset = received;
  }
}
