/**
 * `sender-lanes`: the worked example of docs/architecture.md ("Add a strategy"). Not in the catalog.
 *
 * Each sender's transactions run in block order on one worker (its lane, by sender), several per batch, so a nonce
 * chain never aborts. Nothing else is predicted: transactions of different senders that touch the same state are
 * caught when they reach the commit point — validated against every result below them — and run again there.
 */
import type { Batch, Policy, PolicyHost, StrategyDef } from '../../runtime/policy.ts';
import { baseStateOf } from '../../state/baseState.ts';
import { MultiVersionMemory } from '../../state/multiVersionMemory.ts';
import type { TaskResult } from '../../workers/protocol.ts';

const BATCH = 16;

class SenderLanes implements Policy {
  /** The authoritative memory: every current result, for validation. */
  private readonly memory: MultiVersionMemory;
  /** Per worker, the transactions still to hand out, in block order. */
  private readonly lanes: number[][];
  private readonly incarnation: Int32Array;
  private readonly results: (TaskResult | undefined)[];
  /** The head transaction, to run again alone (its result went stale). */
  private rerun = -1;

  constructor(private readonly host: PolicyHost) {
    this.memory = new MultiVersionMemory(baseStateOf(host.scenario));
    this.incarnation = new Int32Array(host.n);
    this.results = new Array(host.n);
    this.lanes = Array.from({ length: host.workers }, () => []);
    const laneOf = new Map<string, number>();
    for (let tx = 0; tx < host.n; tx++) {
      const sender = host.senders[tx];
      if (!laneOf.has(sender)) laneOf.set(sender, laneOf.size % host.workers);
      this.lanes[laneOf.get(sender)!].push(tx);
      host.event(tx, 0, { kind: 'queued' });
    }
  }

  next(w: number): Batch | null {
    if (this.rerun >= 0 && w === 0) {
      const tx = this.rerun;
      this.rerun = -1;
      return { tasks: [{ tx, incarnation: this.incarnation[tx] }] };
    }
    const tasks = this.lanes[w].splice(0, BATCH).map((tx) => ({ tx, incarnation: this.incarnation[tx] }));
    return tasks.length > 0 ? { tasks } : null;
  }

  onResults(_w: number, results: TaskResult[]): void {
    for (const r of results) {
      if (r.incarnation !== this.incarnation[r.tx]) continue;
      const o = r.outcome;
      this.results[r.tx] = r;
      this.memory.record({ tx: r.tx, incarnation: r.incarnation, writes: o.kind === 'done' ? o.writes : [], deltas: o.kind === 'done' ? o.deltas : [] });
      this.host.publishResult(r); // every replica sees it before its next batch
    }
  }

  head(tx: number): TaskResult | null {
    const r = this.results[tx];
    if (r === undefined || r.incarnation !== this.incarnation[tx]) return null;
    if (this.host.validateReads(this.memory, r)) return r;
    this.incarnation[tx]++; // stale: run it again, now that everything below it is final
    this.host.event(tx, this.incarnation[tx], { kind: 'queued' });
    this.rerun = tx;
    return null;
  }
}

export const senderLanes: StrategyDef = { name: 'sender-lanes', policy: (host) => new SenderLanes(host) };
