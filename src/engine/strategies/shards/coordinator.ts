/**
 * The shards coordinator: routes every transaction after the hint pass, runs one queue per shard on that shard's
 * worker, holds a cross-shard transaction at a barrier until every shard it touches has reached it, relays the
 * cross-shard messages, and commits in block order with one last validation. See `../shards.ts` for the design.
 */
import { type StateKey, accountKey, keyAddress } from '../../evm/keys.ts';
import type { Receipt } from '../../result.ts';
import type { Hex } from '../../scenario/types.ts';
import { baseStateOf } from '../../state/baseState.ts';
import { CommittedState } from '../../state/committedState.ts';
import { MultiVersionMemory } from '../../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../../workers/protocol.ts';
import { commitTx, countAbortByKey, executionEvents, firstStaleRead } from '../shared.ts';
import type { RunContext, StrategyOutput } from '../types.ts';
import { type Placement, graphPlacement, hashPlacement } from './placement.ts';
import { type Hint, hintPass, hintsFromHistory, keysOf } from './hints.ts';
import { Mailbox } from './mailbox.ts';
import { ShardReplicas } from './replicas.ts';
import { footprint, keysOn, outsideRoute, routeOf, shardsOf } from './routing.ts';
import { shardStats } from './stats.ts';
import type { EventBody } from '../../trace/recorder.ts';

/** Single-shard transactions per message: enough to amortise a round trip, few enough to keep the trace live. */
const BATCH = 24;

export type PlacementKind = 'hash' | 'graph';

export class ShardRun {
  private readonly S: number;
  private readonly n: number;
  private readonly memory: MultiVersionMemory;
  private readonly state: CommittedState;
  private readonly replicas: ShardReplicas;
  private readonly results: (TaskResult | undefined)[];
  private readonly incarnation: Int32Array;
  /** The route each transaction was queued with, and the route of its latest execution (wider after a re-run). */
  private readonly route: number[][] = [];
  private readonly execRoute: number[][] = [];
  private readonly queues: number[][];
  private readonly pos: number[];
  private readonly workerBusy: boolean[];
  private readonly crossRunning = new Set<number>();
  /** The key outside its route that the latest execution touched, when it did. */
  private readonly misroute: (StateKey | undefined)[];
  private readonly mail: Mailbox;
  /** Per address: the transactions whose executions wrote its keys. */
  private readonly writersOf = new Map<string, Set<number>>();
  private placement!: Placement;
  private hints: Hint[] = [];
  private rerun = -1;
  private rerunDispatched = false;
  private inflight = 0;
  private commitIdx = 0;
  private cumulative = 0n;
  private readonly receipts: Receipt[] = [];
  private readonly abortsByKey: Record<string, number> = {};
  private executions = 0;
  private validations = 0;
  private aborts = 0;
  private misrouted = 0;
  private readonly shardGas: number[];
  private crossShardTxs = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly senders: Hex[],
    private readonly busy: number[],
    private readonly recoverMs: number,
    private readonly placementKind: PlacementKind,
  ) {
    this.S = ctx.workers;
    this.n = ctx.scenario.transactions.length;
    const base = baseStateOf(ctx.scenario);
    this.memory = new MultiVersionMemory(base);
    this.state = new CommittedState(base);
    this.results = new Array(this.n);
    this.incarnation = new Int32Array(this.n).fill(1);
    this.misroute = new Array(this.n);
    this.queues = Array.from({ length: this.S }, () => []);
    this.pos = new Array<number>(this.S).fill(0);
    this.workerBusy = new Array<boolean>(this.S).fill(false);
    this.mail = new Mailbox(ctx.recorder, this.S, (tx) => this.incarnation[tx]);
    this.shardGas = new Array<number>(this.S).fill(0);
    this.replicas = new ShardReplicas(ctx, senders, (tx) => this.results[tx]);
  }

  async execute(): Promise<StrategyOutput> {
    const { recorder } = this.ctx;
    this.event(-1, 0, { kind: 'phase-start', phase: 'execute' });
    const hintStart = recorder.now();
    const remembered = this.ctx.history?.accessesOf(this.ctx.scenario);
    this.hints = remembered
      ? hintsFromHistory(remembered, this.ctx, this.senders)
      : await hintPass(this.ctx, this.replicas, this.senders, BATCH, (r) => this.countExecution(r));
    const hintMs = (recorder.now() - hintStart) / 1000;
    this.placement =
      this.placementKind === 'hash'
        ? hashPlacement(this.S)
        : graphPlacement(this.hints.map((h) => ({ addrs: footprint(h.keys, h.declared), gas: h.gas })), this.S);
    for (let tx = 0; tx < this.n; tx++) {
      const shards = routeOf(this.hints[tx].keys, this.hints[tx].declared, this.placement);
      this.route[tx] = this.execRoute[tx] = shards;
      for (const s of shards) this.queues[s].push(tx);
      this.event(tx, 1, { kind: 'queued' });
      this.event(tx, 1, { kind: 'shard-route', shards });
    }
    recorder.flush();
    await this.loop();
    // Write-backs to shards that never ran again reached them when the block ended.
    for (let s = 0; s < this.S; s++) this.mail.deliver(s, this.mail.take(s), recorder.now());
    this.event(-1, 0, { kind: 'phase-end', phase: 'execute' });
    recorder.flush();
    return {
      receipts: this.receipts,
      senders: this.senders,
      state: this.state,
      stats: {
        recoverMs: this.recoverMs,
        executions: this.executions,
        reexecutions: this.executions - this.n,
        validations: this.validations,
        aborts: this.aborts,
        abortsByKey: this.abortsByKey,
        workerBusyMs: this.busy,
        extra: {
          ...shardStats({
            shards: this.S,
            txCount: this.n,
            crossShardTxs: this.crossShardTxs,
            messages: this.mail.sent,
            misrouted: this.misrouted,
            shardGas: this.shardGas,
            hintMs,
          }),
          hintsFromHistory: remembered ? 1 : 0,
        },
      },
    };
  }

  private loop(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const pump = (): void => {
        try {
          this.commitReady();
          if (this.commitIdx === this.n) return resolve();
          if (this.rerun >= 0 && !this.rerunDispatched && !this.workerBusy[this.execRoute[this.rerun][0]]) this.dispatchRerun(pump, reject);
          for (let s = 0; s < this.S; s++) if (!this.workerBusy[s]) this.dispatchQueue(s, pump, reject);
          if (this.inflight === 0) throw new Error(`shards stalled at transaction ${this.commitIdx}`);
        } catch (e) {
          reject(e);
        }
      };
      pump();
    });
  }

  /** Shard `s` runs what heads its queue: a run of single-shard transactions, or a cross-shard one at its barrier. */
  private dispatchQueue(s: number, pump: () => void, reject: (e: unknown) => void): void {
    const q = this.queues[s];
    const head = q[this.pos[s]];
    if (head === undefined || this.crossRunning.has(head)) return;
    const route = this.route[head];
    if (route.length === 1) {
      const tasks: ExecTask[] = [];
      for (let i = this.pos[s]; i < q.length && tasks.length < BATCH && this.route[q[i]].length === 1; i++) {
        tasks.push({ tx: q[i], incarnation: this.incarnation[q[i]] });
      }
      this.run(s, tasks, pump, reject, (rs) => {
        this.pos[s] += tasks.length;
        for (const r of rs) this.onResult(r, false);
      });
      return;
    }
    // Barrier: the home shard runs it once every shard it touches has reached it in its own queue.
    if (route[0] !== s || !route.every((x) => this.queues[x][this.pos[x]] === head)) return;
    this.crossRunning.add(head);
    this.sendReads(head, route, this.hints[head].reads, footprint(this.hints[head].keys, this.hints[head].declared));
    this.run(s, [{ tx: head, incarnation: this.incarnation[head] }], pump, reject, (rs) => {
      for (const x of route) this.pos[x]++;
      this.crossRunning.delete(head);
      this.onResult(rs[0], false);
    });
  }

  /** The transaction at the commit point failed: it runs again on its home shard against the final state below it. */
  private dispatchRerun(pump: () => void, reject: (e: unknown) => void): void {
    const tx = this.rerun;
    const route = this.execRoute[tx];
    this.rerunDispatched = true;
    for (let j = 0; j < tx; j++) if (!this.replicas.holds(route[0], j)) this.replicas.want(route[0], j);
    const last = keysOf(this.results[tx]!);
    this.sendReads(tx, route, last.reads, footprint([...last.reads, ...last.writes], this.hints[tx].declared));
    this.run(route[0], [{ tx, incarnation: this.incarnation[tx] }], pump, reject, (rs) => {
      this.rerun = -1;
      this.onResult(rs[0], true);
    });
  }

  /**
   * The other shards of a route send the home shard what the transaction reads on them: the trace names each key
   * the hint read (or the account, for an address it only declares); the data is the state of those accounts — the
   * record of every earlier transaction that changed them — since a read can stray from its hint within an account.
   */
  private sendReads(tx: number, route: number[], reads: StateKey[], addrs: string[]): void {
    const home = route[0];
    const t = this.ctx.recorder.now();
    for (const x of route.slice(1)) {
      const keys = keysOn(reads, x, this.placement);
      for (const a of addrs) {
        if (this.placement.shardOf(a) !== x) continue;
        if (!keys.some((k) => keyAddress(k) === a)) keys.push(accountKey(a));
        for (const w of this.writersOf.get(a) ?? []) if (w < tx && !this.replicas.holds(home, w)) this.replicas.want(home, w);
      }
      for (const key of keys) this.mail.send(t, tx, x, home, key);
    }
  }

  private run(w: number, tasks: ExecTask[], pump: () => void, reject: (e: unknown) => void, done: (rs: TaskResult[]) => void): void {
    this.workerBusy[w] = true;
    this.inflight++;
    const arriving = this.mail.take(w);
    this.replicas.execute(w, tasks, false).then((rs) => {
      this.workerBusy[w] = false;
      this.inflight--;
      this.mail.deliver(w, arriving, rs.length > 0 ? rs[0].t0 : this.ctx.recorder.now());
      done(rs);
      this.ctx.recorder.flush();
      pump();
    }).catch(reject);
  }

  private countExecution(r: TaskResult): void {
    this.executions++;
    this.busy[r.worker] += (r.t1 - r.t0) / 1000;
    for (const e of executionEvents(r)) this.ctx.recorder.push(e);
  }

  /** `atCommitPoint`: a re-run against the final state, which may touch any shard. */
  private onResult(r: TaskResult, atCommitPoint: boolean): void {
    this.countExecution(r);
    const tx = r.tx;
    if (r.incarnation !== this.incarnation[tx]) throw new Error(`transaction ${tx} ran an old incarnation`);
    this.results[tx] = r;
    const o = r.outcome;
    const done = o.kind === 'done';
    this.memory.record({ tx, incarnation: r.incarnation, writes: done ? o.writes : [], deltas: done ? o.deltas : [] });
    const { reads, writes } = keysOf(r);
    for (const k of writes) {
      const a = keyAddress(k);
      let set = this.writersOf.get(a);
      if (set === undefined) this.writersOf.set(a, (set = new Set()));
      set.add(tx);
    }
    const route = this.execRoute[tx];
    const outside = atCommitPoint ? undefined : outsideRoute([...reads, ...writes], route, this.placement);
    this.misroute[tx] = outside;
    if (outside !== undefined) {
      this.misrouted++;
      this.ctx.recorder.push({ t: r.t1, worker: r.worker, tx, incarnation: r.incarnation, kind: 'undeclared', key: outside });
    }
    // Write-back: the home shard sends each other shard the writes to its keys (a wrong route's only to its own).
    for (let x = 0; x < this.S; x++) {
      if (x === r.worker || (outside !== undefined && !route.includes(x))) continue;
      const keys = keysOn(writes, x, this.placement);
      if (keys.length === 0) continue;
      this.replicas.want(x, tx);
      for (const key of keys) this.mail.send(r.t1, tx, r.worker, x, key);
    }
  }

  private commitReady(): void {
    while (this.commitIdx < this.n) {
      const tx = this.commitIdx;
      const r = this.results[tx];
      if (r === undefined || r.incarnation !== this.incarnation[tx] || this.rerun === tx) return;
      const o = r.outcome;
      if (o.kind === 'blocked') return;
      const outside = this.misroute[tx];
      if (outside !== undefined) {
        // It touched a shard that never reached it: what it read there may be anything. Run it again.
        this.aborts++;
        countAbortByKey(this.abortsByKey, outside);
        this.scheduleRerun(tx);
        return;
      }
      this.validations++;
      const stale = firstStaleRead(this.memory, o.reads, tx);
      if (stale) {
        this.aborts++;
        countAbortByKey(this.abortsByKey, stale[0]);
        this.event(tx, r.incarnation, { kind: 'validate-fail', key: stale[0], writerTx: this.memory.writerBelow(stale[0], tx) });
        this.scheduleRerun(tx);
        return;
      }
      this.event(tx, r.incarnation, { kind: 'validate-ok' });
      this.cumulative = commitTx(this.state, this.receipts, r, this.cumulative); // throws for an invalid transaction
      const gas = o.kind === 'done' ? Number(o.gasUsed) : 0;
      this.event(tx, r.incarnation, { kind: 'commit', gas });
      this.shardGas[r.worker] += gas;
      if (this.execRoute[tx].length > 1) this.crossShardTxs++;
      this.commitIdx++;
    }
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
    this.event(tx, this.incarnation[tx], { kind: 'queued' });
    this.event(tx, this.incarnation[tx], { kind: 'shard-route', shards });
  }

  private event(tx: number, incarnation: number, body: EventBody): void {
    this.ctx.recorder.coordinator(tx, incarnation, body);
  }
}
