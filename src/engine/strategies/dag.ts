/**
 * `dag`: dependency hints, scheduled topologically (Polygon PIP-16 block metadata; Grevm's hint pass).
 *
 * A hint pass (`hintPass.ts`) executes every transaction once, in parallel, against the pre-state (a sender's later
 * transactions over its earlier ones' writes) and keeps only its read and write sets. From them comes a dependency DAG (transaction j depends on the last earlier writer of each key it reads; fee
 * credits are deltas, not edges). Then, with no speculation, a transaction is dispatched only once every transaction
 * it depends on has executed, and it reads their results from the multi-version memory. Hints can be wrong (a read
 * set changes with the state): every transaction is validated when it commits, in block order, and one whose reads
 * no longer hold runs again then, against final state — so a wrong hint costs time, never correctness.
 *
 * With a `RunHistory` that has seen this scenario before, the previous run's committed read and write sets are the
 * hints (PIP-16's idea: the block's dependencies travel with it) and the hint pass is skipped.
 */
import { analyseConflicts } from '../analysis/conflicts.ts';
import { MinHeap } from '../runtime/heap.ts';
import type { Batch, Policy, PolicyHost, StrategyDef } from '../runtime/policy.ts';
import { baseStateOf } from '../state/baseState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { StateKey, TraceEvent } from '../trace/events.ts';
import type { TaskResult } from '../workers/protocol.ts';
import { HintPass } from './hintPass.ts';
import type { TxAccesses } from './history.ts';

const BATCH = 16;

class DagPolicy implements Policy {
  private readonly memory: MultiVersionMemory;
  private hint?: HintPass;
  private readonly fromHistory: boolean;
  private dependents: number[][] = [];
  private waitingOn = new Int32Array(0);
  private edges = 0;
  private incarnation = new Int32Array(0);
  private readonly results: (TaskResult | undefined)[];
  /** Ready to run, lowest first (a heap: sorting the whole ready list for every batch was quadratic in a big block). */
  private readonly ready = new MinHeap<number>((a, b) => a - b);

  constructor(private readonly host: PolicyHost) {
    this.memory = new MultiVersionMemory(baseStateOf(host.scenario));
    this.results = new Array(host.n);
    // Hints: the previous run's accesses when the history has them, else a hint pass.
    const remembered = host.history?.accessesOf(host.scenario);
    this.fromHistory = remembered !== undefined;
    if (remembered) this.plan(remembered);
    else {
      this.hint = new HintPass(host, Array.from({ length: host.n }, (_, tx) => tx));
      if (this.hint.done) this.plan([]);
    }
  }

  next(w: number): Batch | null {
    if (this.hint && !this.hint.done) return this.hint.next(w);
    if (this.ready.size === 0) return null;
    const tasks: { tx: number; incarnation: number }[] = [];
    while (tasks.length < BATCH && this.ready.size > 0) {
      const tx = this.ready.pop()!;
      tasks.push({ tx, incarnation: this.incarnation[tx] });
    }
    return { tasks };
  }

  onResults(_w: number, results: TaskResult[]): void {
    if (this.hint && !this.hint.done) {
      this.hint.onResults(results);
      if (this.hint.done) this.plan(accessesOf(this.hint.hints, this.host.n));
      return;
    }
    for (const r of results) this.onResult(r);
  }

  /** In block order, with one last validation: a wrong hint runs again now that everything below is final. */
  head(tx: number): TaskResult | null {
    const r = this.results[tx];
    if (r === undefined || r.incarnation !== this.incarnation[tx]) return null; // not executed yet, or re-running
    if (this.host.validateReads(this.memory, r)) return r;
    this.incarnation[tx]++;
    this.host.event(tx, this.incarnation[tx], { kind: 'queued' });
    this.ready.push(tx);
    return null;
  }

  extras(): Record<string, number> {
    return { hintsFromHistory: this.fromHistory ? 1 : 0, hintEdges: this.edges };
  }

  /** The DAG from the hints; every transaction queued, the ones with dependencies blocked on their first. */
  private plan(accesses: TxAccesses[]): void {
    const { host } = this;
    const n = host.n;
    const hints = dependencyHints(accesses, n, host.coinbaseKey);
    this.edges = hints.edges.length;
    this.dependents = Array.from({ length: n }, () => []);
    this.waitingOn = new Int32Array(n);
    const firstEdge = new Map<number, (typeof hints.edges)[number]>();
    for (const e of hints.edges) {
      this.dependents[e.from].push(e.to);
      this.waitingOn[e.to]++;
      if (!firstEdge.has(e.to)) firstEdge.set(e.to, e);
    }
    this.incarnation = new Int32Array(n).fill(this.fromHistory ? 0 : 1); // incarnation 0 was the hint pass
    for (let tx = 0; tx < n; tx++) {
      host.event(tx, this.incarnation[tx], { kind: 'queued' });
      const e = firstEdge.get(tx);
      if (e === undefined) this.ready.push(tx);
      else host.event(tx, this.incarnation[tx], { kind: 'blocked', blockingTx: e.from, key: e.key });
    }
  }

  private onResult(r: TaskResult): void {
    const o = r.outcome;
    if (o.kind === 'blocked') throw new Error('dag never marks ESTIMATE: a blocked execution is a bug');
    const first = this.results[r.tx] === undefined;
    this.results[r.tx] = r;
    this.memory.record({ tx: r.tx, incarnation: r.incarnation, writes: o.kind === 'done' ? o.writes : [], deltas: o.kind === 'done' ? o.deltas : [] });
    this.host.publishResult(r);
    if (!first) return;
    for (const d of this.dependents[r.tx]) {
      if (--this.waitingOn[d] === 0) {
        this.ready.push(d);
        this.host.event(d, this.incarnation[d], { kind: 'resumed' });
      }
    }
  }
}

/** Each transaction's accesses as its hint execution saw them (fee credits among the writes, as in the trace). */
function accessesOf(hints: ReadonlyMap<number, TaskResult>, n: number): TxAccesses[] {
  const out: TxAccesses[] = [];
  for (let tx = 0; tx < n; tx++) {
    const o = hints.get(tx)?.outcome;
    if (!o || o.kind === 'blocked') continue;
    const done = o.kind === 'done';
    out[tx] = {
      reads: o.reads.map(([k]) => k),
      writes: done ? [...o.writes.map(([k]) => k), ...o.deltas.map(([k]) => k)] : [],
      gas: done ? Number(o.gasUsed) : 0,
    };
  }
  return out;
}

/** The dependency DAG the hints imply: read-after-write edges between transactions (fee credits are deltas). */
function dependencyHints(accesses: TxAccesses[], n: number, coinbaseKey: StateKey) {
  const events: TraceEvent[] = [];
  for (let tx = 0; tx < n; tx++) {
    const a = accesses[tx] ?? { reads: [], writes: [], gas: 0 };
    events.push({ t: 0, worker: -1, tx, incarnation: 0, kind: 'exec-end', reads: a.reads, writes: a.writes, gas: a.gas, status: 'success' });
    events.push({ t: 0, worker: -1, tx, incarnation: 0, kind: 'commit', gas: a.gas });
  }
  return analyseConflicts({ txCount: n, events }, coinbaseKey);
}

export const dag: StrategyDef = {
  name: 'dag',
  policy: (host) => new DagPolicy(host),
};
