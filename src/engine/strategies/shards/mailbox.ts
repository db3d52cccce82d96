/**
 * Cross-shard messages: each is recorded as a `cross-shard-send` when it leaves its shard and a `cross-shard-recv`
 * when the receiving shard's worker next starts executing (the data travels with that worker's next batch).
 */
import type { StateKey } from '../../evm/keys.ts';
import type { TraceRecorder } from '../../trace/recorder.ts';

/** A message on its way to a shard. */
export interface InFlight {
  tx: number;
  incarnation: number;
  from: number;
  key: StateKey;
}

export class Mailbox {
  /** Messages sent so far. */
  sent = 0;
  private readonly waiting: InFlight[][];

  constructor(private readonly recorder: TraceRecorder, shards: number, private readonly incarnationOf: (tx: number) => number) {
    this.waiting = Array.from({ length: shards }, () => []);
  }

  send(t: number, tx: number, from: number, to: number, key: StateKey): void {
    const incarnation = this.incarnationOf(tx);
    this.recorder.push({ t, worker: from, tx, incarnation, kind: 'cross-shard-send', toShard: to, key });
    this.waiting[to].push({ tx, incarnation, from, key });
    this.sent++;
  }

  /** The messages waiting for shard `s`, which go with its next batch. */
  take(s: number): InFlight[] {
    return this.waiting[s].splice(0);
  }

  /** Shard `s` received `messages` at time `t`. */
  deliver(s: number, messages: InFlight[], t: number): void {
    for (const m of messages) {
      this.recorder.push({ t, worker: s, tx: m.tx, incarnation: m.incarnation, kind: 'cross-shard-recv', fromShard: m.from, key: m.key });
    }
  }
}
