/**
 * `access-locks`: declared access, scheduled by a lock table (Solana Sealevel; EIP-2930 access lists).
 *
 * Every transaction declares what it will touch: its access list plus what is implicit (sender, recipient), or —
 * when it carries no list — what a hint pass saw it touch when run once against the pre-state. A lock table admits
 * transactions whose declarations do not overlap (readers of a key together, writers one at a time, block order
 * kept per key), with no speculation: a transaction runs once every earlier one it overlaps has run, and reads their
 * writes from the multi-version memory — or runs right behind them in the same worker's batch (lock handoff).
 *
 * Declarations can be wrong. An execution that touched a key it did not declare is aborted (an `undeclared` event,
 * counted), keeps its locks, and runs again serially once every earlier transaction has committed. Every
 * transaction is validated when it commits, in block order; one whose reads no longer hold (an earlier transaction
 * wrote outside its declaration) runs again then too. So a wrong declaration costs time, never correctness.
 */
import type { Batch, Policy, PolicyHost, StrategyDef } from '../runtime/policy.ts';
import { baseStateOf } from '../state/baseState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../workers/protocol.ts';
import { type Declaration, firstUndeclared, fromAccessList, fromHint } from './accessLocks/declarations.ts';
import { LockTable } from './accessLocks/lockTable.ts';
import { ReadyQueue } from './accessLocks/readyQueue.ts';
import { HintPass } from './hintPass.ts';

const BATCH = 16;

class AccessLocksPolicy implements Policy {
  private readonly memory: MultiVersionMemory;
  private readonly coinbase: string;
  private readonly decls: Declaration[];
  private readonly hinted: number[] = [];
  private readonly hint: HintPass;
  private locks!: LockTable;
  private readonly incarnation: Int32Array;
  private readonly ready = new ReadyQueue();
  private readonly results: (TaskResult | undefined)[];
  /** Must run again once everything below it is committed (undeclared access, or a stale read at commit). */
  private readonly serial: Uint8Array;
  private readonly inFlight: Uint8Array;
  private readonly busy: boolean[];
  private undeclaredCount = 0;
  private lockWaits = 0;

  constructor(private readonly host: PolicyHost) {
    const { n, scenario, senders } = host;
    this.memory = new MultiVersionMemory(baseStateOf(scenario));
    this.coinbase = scenario.block.coinbase.slice(2).toLowerCase();
    this.results = new Array(n);
    this.serial = new Uint8Array(n);
    this.inFlight = new Uint8Array(n);
    this.incarnation = new Int32Array(n);
    this.busy = new Array<boolean>(host.workers).fill(false);
    // Declarations: access lists, or a hint pass (against the pre-state) for transactions without one.
    this.decls = new Array<Declaration>(n);
    scenario.transactions.forEach((tx, i) => {
      if ((tx.accessList?.length ?? 0) > 0) this.decls[i] = fromAccessList(tx, senders[i], this.coinbase);
      else this.hinted.push(i);
    });
    this.hint = new HintPass(host, this.hinted);
    if (this.hint.done) this.lock();
  }

  next(w: number): Batch | null {
    if (!this.hint.done) return this.hint.next(w);
    const tasks: ExecTask[] = [];
    const head = this.host.commitIdx;
    // The serial re-run of the lowest uncommitted transaction goes first, alone in its batch.
    if (this.serial[head] === 1 && !this.inFlight[head]) tasks.push({ tx: head, incarnation: this.incarnation[head] });
    else {
      const idle = this.busy.filter((b) => !b).length;
      const size = Math.max(1, Math.min(BATCH, Math.ceil(this.ready.size / Math.max(1, idle))));
      const members = new Set<number>();
      while (tasks.length < size && this.ready.size > 0) {
        const tx = this.ready.pop()!;
        tasks.push({ tx, incarnation: this.incarnation[tx] });
        members.add(tx);
        // Lock handoff: whoever waits only for this batch runs behind it on the same worker.
        for (let i = tasks.length - 1; i < tasks.length && tasks.length < BATCH; i++) {
          for (const d of this.locks.waitingFor(tasks[i].tx)) {
            if (tasks.length >= BATCH) break;
            if (!this.locks.takeBehind(d, members)) continue;
            tasks.push({ tx: d, incarnation: this.incarnation[d] });
            members.add(d);
            if (this.locks.firstWait[d]) this.host.event(d, this.incarnation[d], { kind: 'resumed' });
          }
        }
      }
    }
    if (tasks.length === 0) return null;
    for (const t of tasks) this.inFlight[t.tx] = 1;
    this.busy[w] = true;
    // Not isolated: a batch member sees the writes of the members it was queued behind.
    return { tasks };
  }

  onResults(w: number, results: TaskResult[]): void {
    if (!this.hint.done) {
      this.hint.onResults(results);
      if (this.hint.done) this.lock();
      return;
    }
    this.busy[w] = false;
    for (const r of results) this.onResult(r);
  }

  /** In block order, with one last validation; a stale one runs again, serially, now that everything below is final. */
  head(tx: number): TaskResult | null {
    const r = this.results[tx];
    if (r === undefined || r.incarnation !== this.incarnation[tx]) return null;
    if (this.host.validateReads(this.memory, r)) return r;
    this.results[tx] = undefined;
    this.serial[tx] = 1;
    this.incarnation[tx]++;
    this.host.event(tx, this.incarnation[tx], { kind: 'queued' });
    return null;
  }

  committed(r: TaskResult): void {
    this.results[r.tx] = undefined;
  }

  extras(): Record<string, number> {
    const n = this.host.n;
    return {
      undeclaredAccesses: this.undeclaredCount,
      declaredByAccessList: n - this.hinted.length,
      declaredByHints: this.hinted.length,
      barriers: this.decls.filter((d) => d.barrier).length,
      lockWaits: this.lockWaits,
    };
  }

  /** Declarations complete: the lock table decides who may run; everyone starts queued, some blocked on a lock. */
  private lock(): void {
    const { host } = this;
    const txs = host.scenario.transactions;
    for (const [tx, r] of this.hint.hints) {
      const o = r.outcome;
      const writes = o.kind === 'done' ? o.writes.map(([k]) => k) : [];
      this.decls[tx] = fromHint(txs[tx], host.senders[tx], this.coinbase, o.kind === 'blocked' ? [] : o.reads.map(([k]) => k), writes);
    }
    this.locks = new LockTable(this.decls);
    for (const i of this.hinted) this.incarnation[i] = 1; // incarnation 0 was the hint
    for (let tx = 0; tx < host.n; tx++) {
      host.event(tx, this.incarnation[tx], { kind: 'queued' });
      const wait = this.locks.firstWait[tx];
      if (wait) host.event(tx, this.incarnation[tx], { kind: 'blocked', blockingTx: wait.tx, key: wait.key === '*' ? host.coinbaseKey : wait.key });
    }
    for (const tx of this.locks.initiallyFree()) this.ready.push(tx);
    this.lockWaits = this.locks.firstWait.filter(Boolean).length;
  }

  private onResult(r: TaskResult): void {
    this.inFlight[r.tx] = 0;
    const o = r.outcome;
    if (o.kind === 'blocked') throw new Error('access-locks never marks ESTIMATE: a blocked execution is a bug');
    const writes = o.kind === 'done' ? o.writes : [];
    if (!this.serial[r.tx]) {
      const isCreation = this.host.scenario.transactions[r.tx].to === null;
      const key = firstUndeclared(this.decls[r.tx], this.coinbase, isCreation, o.reads.map(([k]) => k), writes.map(([k]) => k));
      if (key !== undefined) {
        // Outside its declaration: its locks protected nothing. Discard it; it re-runs alone, in order.
        this.undeclaredCount++;
        this.host.undeclared(r, key);
        this.serial[r.tx] = 1;
        this.incarnation[r.tx]++;
        this.host.event(r.tx, this.incarnation[r.tx], { kind: 'queued' });
        return;
      }
    }
    this.serial[r.tx] = 0;
    this.results[r.tx] = r;
    this.memory.record({ tx: r.tx, incarnation: r.incarnation, writes, deltas: o.kind === 'done' ? o.deltas : [] });
    this.host.publishResult(r);
    for (const d of this.locks.release(r.tx)) {
      this.ready.push(d);
      if (this.locks.firstWait[d]) this.host.event(d, this.incarnation[d], { kind: 'resumed' });
    }
  }
}

export const accessLocks: StrategyDef = {
  name: 'access-locks',
  policy: (host) => new AccessLocksPolicy(host),
};
