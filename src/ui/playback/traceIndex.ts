/**
 * `TraceIndex`: a run's trace arranged for instant seeking. Built once, and incrementally while a run is live: each
 * `update()` reads only the events appended since the last one (events may arrive out of time order — a batch's
 * `exec-start`s are recorded when its results come back — so every list is kept sorted by time, not by arrival).
 *
 * Everything a view asks ("where is tx 7 at t?", "which bars exist by t?", "how many aborts by t?") is then a binary
 * search over these lists (see `query.ts`), so scrubbing anywhere costs the same as playing forward.
 */
import { COORDINATOR, type Trace, type TraceEvent } from '../../engine/trace/events.ts';
import type { Bar, Conflict, Mark, Route, ShardMessage, TxPhase, TxStep, Wait } from './model.ts';
import { SortedTimes, lowerBound, lowerBoundBy, upperBound, upperBoundBy } from './sorted.ts';
import type { TimedConflict, Timeline } from './timeline.ts';

const STEP: Partial<Record<TraceEvent['kind'], [TxPhase, number]>> = {
  queued: ['queued', 0],
  resumed: ['queued', 1],
  blocked: ['blocked', 4],
  'exec-start': ['executing', 2],
  'exec-end': ['validating', 3],
  'exec-abort': ['aborted', 3],
  undeclared: ['aborted', 5],
  'validate-ok': ['validating', 6],
  'validate-fail': ['aborted', 6],
  commit: ['committed', 7],
};

const byT = (a: { t: number }, b: { t: number }): number => a.t - b.t;
const byStart = (a: Bar, b: Bar): number => a.start - b.start || a.incarnation - b.incarnation;

export class TraceIndex implements Timeline {
  strategy = '';
  workers = 0;
  txCount = 0;
  /** First and last recorded activity (run-start at 0 is left out: pool start-up before it is not the run). */
  start = Infinity;
  end = -Infinity;
  /** How many of `trace.events` have been read. */
  processed = 0;
  events: readonly TraceEvent[] = [];

  /** Distinct event times, for stepping one event at a time. */
  readonly times = new SortedTimes();
  readonly commits = new SortedTimes();
  readonly executions = new SortedTimes();
  readonly aborts = new SortedTimes();
  readonly validations = new SortedTimes();
  readonly undeclared = new SortedTimes();
  /** Executions by kind, as the engine's ledger counts them (`exec` on `exec-start`). */
  readonly reexecs = new SortedTimes();
  readonly hintExecs = new SortedTimes();
  /** Whether the trace names execution kinds (traces recorded before it did: counted from first executions). */
  kinded = false;
  /** Time of each transaction's first execution, sorted (re-executions = executions − these, for unkinded traces). */
  firstExecs: number[] = [];
  /** Commit times with the gas committed, sorted by time, and the running gas total after each. */
  commitGas: { t: number; gas: number }[] = [];
  gasPrefix = new Float64Array(0);

  /** Per worker lane: bars sorted by start, their busy-time prefix sums, and the longest bar. */
  lanes: Bar[][] = [];
  busyPrefix: Float64Array[] = [];
  /** Per worker lane: how many of the first i bars are executions (not sender recovery). */
  execPrefix: Int32Array[] = [];
  maxBar = 0;
  /** Every execution attempt by transaction, in start order. */
  txBars: Bar[][] = [];
  txSteps: TxStep[][] = [];
  waits: Wait[] = [];
  conflicts: Conflict[] = [];
  marks: Mark[] = [];
  routes: Route[] = [];
  messages: ShardMessage[] = [];

  private bars = new Map<string, Bar>();
  private openWaits = new Map<number, Wait>();
  private execAborts = new Set<string>();
  private firstExec: number[] = [];
  private dirtyLanes = new Set<number>();
  private dirtyTxs = new Set<number>();
  /** Cross-shard sends not yet received, by tx, shards and key (oldest first): a receive finds its send in O(1). */
  private unreceived = new Map<string, ShardMessage[]>();
  private dirty = { firstExec: false, gas: false, conflicts: false, marks: false, waits: false, routes: false, messages: false };

  // The player's questions (`Timeline`): on the run's own clock, or on it shifted by `origin` (compare mode). The
  // searches compare `time − origin` with `t`, so the answers are exact on the shifted clock too.

  eventAfter(t: number, origin = 0): number {
    const v = this.times.values;
    const k = origin === 0 ? upperBound(v, t) : upperBoundBy(v, t, (x) => x - origin);
    return k < v.length ? v[k] - origin : t;
  }

  eventBefore(t: number, origin = 0): number {
    const v = this.times.values;
    const k = origin === 0 ? lowerBound(v, t) : lowerBoundBy(v, t, (x) => x - origin);
    return k > 0 ? v[k - 1] - origin : Math.min(t, this.start - origin);
  }

  conflictAfter(t: number, origin = 0): TimedConflict | undefined {
    const c = this.conflicts[upperBoundBy(this.conflicts, t, (x) => x.t - origin)];
    return c ? { t: c.t - origin, conflict: c } : undefined;
  }

  conflictBefore(t: number, origin = 0): TimedConflict | undefined {
    const k = upperBoundBy(this.conflicts, t, (x) => x.t - origin);
    for (let i = k - 1; i >= 0; i--) if (this.conflicts[i].t - origin < t) return { t: this.conflicts[i].t - origin, conflict: this.conflicts[i] };
    return undefined;
  }

  /** Reads the events appended since the last call. Returns true when anything changed. */
  update(trace: Trace): boolean {
    if (trace.events !== this.events) {
      if (this.processed > 0) throw new Error('TraceIndex.update: a different trace; make a new index for it');
      this.events = trace.events;
    }
    this.strategy = trace.strategy;
    this.workers = Math.max(this.workers, trace.workers);
    if (trace.txCount > this.txCount) this.growTxs(trace.txCount);
    const events = trace.events;
    if (this.processed >= events.length) return false;
    for (let i = this.processed; i < events.length; i++) this.add(events[i]);
    this.processed = events.length;
    this.flush();
    return true;
  }

  private growTxs(n: number): void {
    for (let i = this.txCount; i < n; i++) {
      this.txBars.push([]);
      this.txSteps.push([]);
      this.firstExec.push(Infinity);
    }
    this.txCount = n;
  }

  private lane(w: number): Bar[] {
    while (this.lanes.length <= w) {
      this.lanes.push([]);
      this.busyPrefix.push(new Float64Array(0));
      this.execPrefix.push(new Int32Array(1));
    }
    this.workers = Math.max(this.workers, this.lanes.length);
    return this.lanes[w];
  }

  private bar(e: TraceEvent): Bar {
    const id = `${e.tx}:${e.incarnation}`;
    let b = this.bars.get(id);
    if (!b) {
      b = { kind: 'exec', lane: e.worker, tx: e.tx, incarnation: e.incarnation, attempt: 0, start: NaN, end: NaN, outcome: 'unknown', outcomeT: Infinity, gas: 0 };
      this.bars.set(id, b);
    }
    return b;
  }

  private resolve(e: TraceEvent, outcome: 'committed' | 'aborted'): void {
    const b = this.bars.get(`${e.tx}:${e.incarnation}`);
    if (b && e.t < b.outcomeT) {
      b.outcome = outcome;
      b.outcomeT = e.t;
    }
  }

  private conflict(c: Conflict): void {
    this.conflicts.push(c);
    this.dirty.conflicts = true;
  }

  private mark(e: TraceEvent & { kind: Mark['kind'] }): void {
    this.marks.push({ t: e.t, tx: e.tx, kind: e.kind });
    this.dirty.marks = true;
  }

  private add(e: TraceEvent): void {
    if (e.tx >= this.txCount) this.growTxs(e.tx + 1);
    if (e.kind !== 'run-start') {
      this.start = Math.min(this.start, e.t);
      this.end = Math.max(this.end, e.kind === 'recover' ? e.endT : e.t);
      this.times.add(e.t);
    }
    const step = STEP[e.kind];
    if (step && e.tx >= 0) {
      this.txSteps[e.tx].push({ t: e.t, rank: step[1], phase: step[0], worker: e.worker, incarnation: e.incarnation });
      this.dirtyTxs.add(e.tx);
    }
    switch (e.kind) {
      case 'run-start':
        // `trace.workers` is what ran (sequential reports 1 whatever was asked); the event has what was asked.
        this.strategy = e.strategy;
        break;
      case 'recover': {
        const b: Bar = { kind: 'recover', lane: e.worker, tx: -1, incarnation: 0, attempt: 0, start: e.t, end: e.endT, outcome: 'unknown', outcomeT: Infinity, gas: 0 };
        this.lane(e.worker).push(b);
        this.dirtyLanes.add(e.worker);
        break;
      }
      case 'exec-start': {
        const b = this.bar(e);
        b.start = e.t;
        b.lane = e.worker;
        this.lane(e.worker).push(b);
        this.dirtyLanes.add(e.worker);
        this.txBars[e.tx].push(b);
        this.executions.add(e.t);
        b.exec = e.exec;
        if (e.exec !== undefined) this.kinded = true;
        if (e.exec === 'reexec') this.reexecs.add(e.t);
        else if (e.exec === 'hint') this.hintExecs.add(e.t);
        if (e.t < this.firstExec[e.tx]) {
          this.firstExec[e.tx] = e.t;
          this.dirty.firstExec = true;
        }
        this.closeWait(e.tx, e.t);
        break;
      }
      case 'exec-end': {
        const b = this.bar(e);
        b.end = e.t;
        b.gas = e.gas;
        this.dirtyLanes.add(e.worker);
        break;
      }
      case 'exec-abort':
        this.bar(e).end = e.t;
        this.dirtyLanes.add(e.worker);
        this.resolve(e, 'aborted');
        this.aborts.add(e.t);
        this.execAborts.add(`${e.tx}:${e.incarnation}`);
        this.conflict({ t: e.t, kind: 'exec-abort', tx: e.tx, incarnation: e.incarnation, writer: e.blockingTx, key: e.key });
        break;
      case 'validate-ok':
        this.validations.add(e.t);
        this.mark(e);
        break;
      case 'validate-fail':
        this.validations.add(e.t);
        this.aborts.add(e.t);
        this.resolve(e, 'aborted');
        this.mark(e);
        this.conflict({ t: e.t, kind: 'validate-fail', tx: e.tx, incarnation: e.incarnation, writer: e.writerTx, key: e.key, ...(e.read !== undefined ? { read: e.read } : {}), ...(e.expected !== undefined ? { expected: e.expected } : {}) });
        break;
      case 'undeclared':
        this.undeclared.add(e.t);
        this.aborts.add(e.t); // an execution discarded for an undeclared access is an abort, as the ledger counts it
        this.resolve(e, 'aborted');
        this.conflict({ t: e.t, kind: 'undeclared', tx: e.tx, incarnation: e.incarnation, writer: -1, key: e.key });
        break;
      case 'blocked': {
        const w: Wait = { tx: e.tx, incarnation: e.incarnation, start: e.t, end: Infinity, blockingTx: e.blockingTx, key: e.key };
        this.waits.push(w);
        this.openWaits.set(e.tx, w);
        this.dirty.waits = true;
        // An exec-abort already names this conflict; a wait before any execution (dag) is its own.
        if (!this.execAborts.has(`${e.tx}:${e.incarnation}`)) {
          this.conflict({ t: e.t, kind: 'blocked', tx: e.tx, incarnation: e.incarnation, writer: e.blockingTx, key: e.key });
        }
        break;
      }
      case 'resumed':
        this.closeWait(e.tx, e.t);
        break;
      case 'commit':
        this.commits.add(e.t);
        this.commitGas.push({ t: e.t, gas: e.gas });
        this.dirty.gas = true;
        this.resolve(e, 'committed');
        this.mark(e);
        break;
      case 'shard-route':
        this.routes.push({ t: e.t, tx: e.tx, shards: e.shards });
        this.dirty.routes = true;
        break;
      case 'cross-shard-send': {
        const m: ShardMessage = { tx: e.tx, from: e.worker, to: e.toShard, key: e.key, sent: e.t, received: NaN };
        this.messages.push(m);
        const id = `${e.tx}:${e.worker}>${e.toShard}:${e.key}`;
        const q = this.unreceived.get(id);
        if (q) q.push(m);
        else this.unreceived.set(id, [m]);
        this.dirty.messages = true;
        break;
      }
      case 'cross-shard-recv': {
        const id = `${e.tx}:${e.fromShard}>${e.worker}:${e.key}`;
        const q = this.unreceived.get(id);
        const m = q?.shift();
        if (q && q.length === 0) this.unreceived.delete(id);
        if (m) m.received = e.t;
        else {
          this.messages.push({ tx: e.tx, from: e.fromShard, to: e.worker, key: e.key, sent: NaN, received: e.t });
          this.dirty.messages = true;
        }
        break;
      }
      default:
        break;
    }
    if (e.worker !== COORDINATOR && e.worker >= 0) this.lane(e.worker);
  }

  private closeWait(tx: number, t: number): void {
    const w = this.openWaits.get(tx);
    if (w && t >= w.start) {
      w.end = t;
      this.openWaits.delete(tx);
    }
  }

  private flush(): void {
    for (const s of [this.times, this.commits, this.executions, this.aborts, this.validations, this.undeclared, this.reexecs, this.hintExecs]) s.flush();
    for (const w of this.dirtyLanes) {
      const lane = this.lane(w);
      lane.sort(byStart);
      const prefix = new Float64Array(lane.length + 1);
      const execs = new Int32Array(lane.length + 1);
      for (let i = 0; i < lane.length; i++) {
        const b = lane[i];
        execs[i + 1] = execs[i] + (b.kind === 'exec' ? 1 : 0);
        const d = Number.isNaN(b.end) || Number.isNaN(b.start) ? 0 : Math.max(0, b.end - b.start);
        prefix[i + 1] = prefix[i] + d;
        if (d > this.maxBar) this.maxBar = d;
      }
      this.busyPrefix[w] = prefix;
      this.execPrefix[w] = execs;
    }
    this.dirtyLanes.clear();
    for (const tx of this.dirtyTxs) {
      const steps = this.txSteps[tx];
      steps.sort((a, b) => a.t - b.t || a.rank - b.rank);
      // A commit is final. Worker and coordinator clocks can disagree by a little, so a step of the committed
      // incarnation stamped after its commit is moved to the commit's time (rank keeps it before the commit).
      let commit: TxStep | undefined;
      for (const st of steps) if (st.phase === 'committed') commit = st;
      if (commit && steps[steps.length - 1] !== commit) {
        for (const st of steps) if (st.t > commit.t && st.incarnation === commit.incarnation) st.t = commit.t;
        steps.sort((a, b) => a.t - b.t || a.rank - b.rank);
      }
      const bars = this.txBars[tx];
      bars.sort(byStart);
      bars.forEach((b, i) => (b.attempt = i));
    }
    this.dirtyTxs.clear();
    if (this.dirty.firstExec) this.firstExecs = this.firstExec.filter(Number.isFinite).sort((a, b) => a - b);
    if (this.dirty.gas) {
      this.commitGas.sort(byT);
      this.gasPrefix = new Float64Array(this.commitGas.length + 1);
      this.commitGas.forEach((c, i) => (this.gasPrefix[i + 1] = this.gasPrefix[i] + c.gas));
    }
    if (this.dirty.conflicts) this.conflicts.sort(byT);
    if (this.dirty.marks) this.marks.sort(byT);
    if (this.dirty.waits) this.waits.sort((a, b) => a.start - b.start);
    if (this.dirty.routes) this.routes.sort(byT);
    // A message's place (sent, or received when its send is unknown) is fixed when it is added: sort only after adds.
    if (this.dirty.messages) this.messages.sort((a, b) => (Number.isNaN(a.sent) ? a.received : a.sent) - (Number.isNaN(b.sent) ? b.received : b.sent));
    this.dirty = { firstExec: false, gas: false, conflicts: false, marks: false, waits: false, routes: false, messages: false };
  }
}

/** An index of a whole trace in one go. */
export function indexTrace(trace: Trace): TraceIndex {
  const ix = new TraceIndex();
  ix.update(trace);
  return ix;
}
