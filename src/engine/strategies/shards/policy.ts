/**
 * The shards policy: routes every transaction after the hint pass, runs one queue per shard on that shard's worker,
 * holds a cross-shard transaction at a barrier until every shard it touches has reached it, relays the cross-shard
 * messages, and commits in block order with one last validation. See `../shards.ts` for the design.
 */
import type { StateKey } from '../../evm/keys.ts';
import type { Batch, Policy, PolicyHost } from '../../runtime/policy.ts';
import { baseStateOf } from '../../state/baseState.ts';
import { MultiVersionMemory } from '../../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../../workers/protocol.ts';
import { HintPass } from '../hintPass.ts';
import { CrossShard } from './crossShard.ts';
import { type Hint, hintsFromExecutions, hintsFromHistory, keysOf } from './hints.ts';
import type { InFlight } from './mailbox.ts';
import { type Placement, graphPlacement, hashPlacement } from './placement.ts';
import { footprint, outsideRoute, routeOf, shardsOf } from './routing.ts';
import { shardStats } from './stats.ts';

/** Single-shard transactions per message: enough to amortise a round trip, few enough to keep the trace live. */
const BATCH = 24;

export type PlacementKind = 'hash' | 'graph';

/** What a batch was, handed back with its results. */
type Note = { kind: 'queue'; shard: number; arriving: InFlight[] } | { kind: 'cross'; route: number[]; arriving: InFlight[] } | { kind: 'rerun'; arriving: InFlight[] };

export class ShardsPolicy implements Policy {
  /** A cross-shard read sends a worker the record of a transaction that may have committed long ago. */
  readonly lateRecords = true;
  private readonly S: number;
  private readonly n: number;
  private readonly memory: MultiVersionMemory;
  private readonly cross: CrossShard;
  private readonly results: (TaskResult | undefined)[];
  private readonly incarnation: Int32Array;
  /** The route each transaction was queued with, and the route of its latest execution (wider after a re-run). */
  private readonly route: number[][] = [];
  private readonly execRoute: number[][] = [];
  private readonly queues: number[][];
  private readonly pos: number[];
  private readonly crossRunning = new Set<number>();
  /** The key outside its route that the latest execution touched, when it did. */
  private readonly misroute: (StateKey | undefined)[];
  private readonly hintPass?: HintPass;
  private readonly fromHistory: boolean;
  private readonly hintStart: number;
  private hintMs = 0;
  private placement!: Placement;
  private hints: Hint[] = [];
  private routed = false;
  private rerun = -1;
  private rerunDispatched = false;
  private misrouted = 0;
  private readonly shardGas: number[];
  private crossShardTxs = 0;

  constructor(private readonly host: PolicyHost, private readonly placementKind: PlacementKind) {
    this.S = host.workers;
    this.n = host.n;
    this.memory = new MultiVersionMemory(baseStateOf(host.scenario));
    this.results = new Array(this.n);
    this.incarnation = new Int32Array(this.n).fill(1);
    this.misroute = new Array(this.n);
    this.queues = Array.from({ length: this.S }, () => []);
    this.pos = new Array<number>(this.S).fill(0);
    this.shardGas = new Array<number>(this.S).fill(0);
    this.cross = new CrossShard(host, () => this.placement, (tx) => this.results[tx], (tx) => this.incarnation[tx]);
    this.hintStart = host.recorder.now();
    const remembered = host.history?.accessesOf(host.scenario);
    this.fromHistory = remembered !== undefined;
    if (remembered) this.routeAll(hintsFromHistory(remembered, host));
    else {
      this.hintPass = new HintPass(host, Array.from({ length: this.n }, (_, tx) => tx), BATCH);
      if (this.hintPass.done) this.routeAll(hintsFromExecutions(this.hintPass.hints, host));
    }
  }

  next(s: number): Batch | null {
    if (!this.routed) return this.hintPass!.next(s);
    if (this.rerun >= 0 && !this.rerunDispatched && this.execRoute[this.rerun][0] === s) return this.dispatchRerun();
    return this.dispatchQueue(s);
  }

  onResults(w: number, rs: TaskResult[], batch: Batch): void {
    if (!this.routed) {
      this.hintPass!.onResults(rs);
      if (this.hintPass!.done) this.routeAll(hintsFromExecutions(this.hintPass!.hints, this.host));
      return;
    }
    const note = batch.note as Note;
    this.cross.arrived(w, note.arriving, rs);
    if (note.kind === 'queue') {
      this.pos[note.shard] += rs.length;
      for (const r of rs) this.onResult(r, false);
    } else if (note.kind === 'cross') {
      for (const x of note.route) this.pos[x]++;
      this.crossRunning.delete(rs[0].tx);
      this.onResult(rs[0], false);
    } else {
      this.rerun = -1;
      this.onResult(rs[0], true);
    }
  }

  head(tx: number): TaskResult | null {
    const r = this.results[tx];
    if (r === undefined || r.incarnation !== this.incarnation[tx] || this.rerun === tx) return null;
    // It touched a shard that never reached it (counted when it came back): what it read there may be anything.
    if (this.misroute[tx] !== undefined || !this.host.validateReads(this.memory, r)) {
      this.scheduleRerun(tx);
      return null;
    }
    return r;
  }

  committed(r: TaskResult): void {
    this.shardGas[r.worker] += r.outcome.kind === 'done' ? Number(r.outcome.gasUsed) : 0;
    if (this.execRoute[r.tx].length > 1) this.crossShardTxs++;
  }

  finish(): void {
    this.cross.finish();
  }

  extras(): Record<string, number> {
    return {
      ...shardStats({
        shards: this.S,
        txCount: this.n,
        crossShardTxs: this.crossShardTxs,
        messages: this.cross.mail.sent,
        misrouted: this.misrouted,
        shardGas: this.shardGas,
        hintMs: this.hintMs,
      }),
      hintsFromHistory: this.fromHistory ? 1 : 0,
    };
  }

  /** Placement from the hints, then every transaction's route: queued on each shard it touches. */
  private routeAll(hints: Hint[]): void {
    const { host } = this;
    this.hints = hints;
    this.hintMs = (host.recorder.now() - this.hintStart) / 1000;
    this.placement =
      this.placementKind === 'hash' ? hashPlacement(this.S) : graphPlacement(hints.map((h) => ({ addrs: footprint(h.keys, h.declared), gas: h.gas })), this.S);
    for (let tx = 0; tx < this.n; tx++) {
      const shards = routeOf(hints[tx].keys, hints[tx].declared, this.placement);
      this.route[tx] = this.execRoute[tx] = shards;
      for (const s of shards) this.queues[s].push(tx);
      host.event(tx, 1, { kind: 'queued' });
      host.event(tx, 1, { kind: 'shard-route', shards });
    }
    this.routed = true;
  }

  /** Shard `s` runs what heads its queue: a run of single-shard transactions, or a cross-shard one at its barrier. */
  private dispatchQueue(s: number): Batch | null {
    const q = this.queues[s];
    const head = q[this.pos[s]];
    if (head === undefined || this.crossRunning.has(head)) return null;
    const route = this.route[head];
    if (route.length === 1) {
      const tasks: ExecTask[] = [];
      for (let i = this.pos[s]; i < q.length && tasks.length < BATCH && this.route[q[i]].length === 1; i++) {
        tasks.push({ tx: q[i], incarnation: this.incarnation[q[i]] });
      }
      return this.batch(s, tasks, { kind: 'queue', shard: s, arriving: [] });
    }
    // Barrier: the home shard runs it once every shard it touches has reached it in its own queue.
    if (route[0] !== s || !route.every((x) => this.queues[x][this.pos[x]] === head)) return null;
    this.crossRunning.add(head);
    this.cross.sendReads(head, route, this.hints[head].reads, footprint(this.hints[head].keys, this.hints[head].declared));
    return this.batch(s, [{ tx: head, incarnation: this.incarnation[head] }], { kind: 'cross', route, arriving: [] });
  }

  /** The transaction at the commit point failed: it runs again on its home shard against the final state below it. */
  private dispatchRerun(): Batch {
    const tx = this.rerun;
    const route = this.execRoute[tx];
    this.rerunDispatched = true;
    this.cross.catchUp(route[0], tx);
    const last = keysOf(this.results[tx]!);
    this.cross.sendReads(tx, route, last.reads, footprint([...last.reads, ...last.writes], this.hints[tx].declared));
    return this.batch(route[0], [{ tx, incarnation: this.incarnation[tx] }], { kind: 'rerun', arriving: [] });
  }

  /** The messages waiting for shard `w` travel with its batch (and are received when it starts). */
  private batch(w: number, tasks: ExecTask[], note: Note): Batch {
    note.arriving = this.cross.take(w);
    return { tasks, note };
  }

  /** `atCommitPoint`: a re-run against the final state, which may touch any shard. */
  private onResult(r: TaskResult, atCommitPoint: boolean): void {
    const tx = r.tx;
    if (r.incarnation !== this.incarnation[tx]) throw new Error(`transaction ${tx} ran an old incarnation`);
    this.results[tx] = r;
    const o = r.outcome;
    const done = o.kind === 'done';
    this.memory.record({ tx, incarnation: r.incarnation, writes: done ? o.writes : [], deltas: done ? o.deltas : [] });
    const { reads, writes } = keysOf(r);
    const route = this.execRoute[tx];
    const outside = atCommitPoint ? undefined : outsideRoute([...reads, ...writes], route, this.placement);
    this.misroute[tx] = outside;
    if (outside !== undefined) {
      this.misrouted++;
      this.host.undeclared(r, outside);
    }
    this.cross.writeBack(r, writes, route, outside);
  }

  /** Re-routes a failed transaction to every shard its last execution touched, to run at the commit point. */
  private scheduleRerun(tx: number): void {
    const { reads, writes } = keysOf(this.results[tx]!);
    const home = this.execRoute[tx][0];
    const touched = [...shardsOf([...reads, ...writes], this.placement)].filter((s) => !this.execRoute[tx].includes(s));
    const shards = [home, ...this.execRoute[tx].slice(1), ...touched.sort((a, b) => a - b)];
    this.execRoute[tx] = shards;
    this.incarnation[tx]++;
    this.misroute[tx] = undefined;
    this.rerun = tx;
    this.rerunDispatched = false;
    this.host.event(tx, this.incarnation[tx], { kind: 'queued' });
    this.host.event(tx, this.incarnation[tx], { kind: 'shard-route', shards });
  }
}
