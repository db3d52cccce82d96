/**
 * Everything that crosses between shards, for the shards policy: the values a cross-shard transaction reads on the
 * other shards of its route, the write-backs of each execution to the shards owning the keys it wrote, and which
 * records each shard's replica needs for them. Messages are recorded as `cross-shard-send` / `cross-shard-recv`
 * pairs (`mailbox.ts`); the records travel through the replica log (`replicas.ts`).
 */
import { type StateKey, accountKey, keyAddress } from '../../evm/keys.ts';
import type { PolicyHost } from '../../runtime/policy.ts';
import type { TaskResult } from '../../workers/protocol.ts';
import { type InFlight, Mailbox } from './mailbox.ts';
import type { Placement } from './placement.ts';
import { ShardReplicas } from './replicas.ts';
import { keysOn, shardsOf } from './routing.ts';

export class CrossShard {
  readonly mail: Mailbox;
  readonly replicas: ShardReplicas;
  /** Per address: the transactions whose executions wrote its keys. */
  private readonly writersOf = new Map<string, Set<number>>();

  constructor(
    private readonly host: PolicyHost,
    private readonly placement: () => Placement,
    latest: (tx: number) => TaskResult | undefined,
    incarnationOf: (tx: number) => number,
  ) {
    this.mail = new Mailbox(host.recorder, host.workers, incarnationOf);
    this.replicas = new ShardReplicas(host, latest);
  }

  /**
   * The other shards of a route send the home shard what the transaction reads on them: the trace names each key
   * the hint read (or the account, for an address it only declares); the data is the state of those accounts — the
   * record of every earlier transaction that changed them — since a read can stray from its hint within an account.
   */
  sendReads(tx: number, route: readonly number[], reads: StateKey[], addrs: string[]): void {
    const placement = this.placement();
    const home = route[0];
    const t = this.host.recorder.now();
    for (const x of route.slice(1)) {
      const keys = keysOn(reads, x, placement);
      for (const a of addrs) {
        if (placement.shardOf(a) !== x) continue;
        if (!keys.some((k) => keyAddress(k) === a)) keys.push(accountKey(a));
        for (const w of this.writersOf.get(a) ?? []) if (w < tx && !this.replicas.holds(home, w)) this.replicas.want(home, w);
      }
      for (const key of keys) this.mail.send(t, tx, x, home, key);
    }
  }

  /** A re-run at the commit point: its home shard gets every earlier record it lacks. */
  catchUp(home: number, tx: number): void {
    for (let j = 0; j < tx; j++) if (!this.replicas.holds(home, j)) this.replicas.want(home, j);
  }

  /**
   * An execution came back from shard `r.worker`: the shards owning keys it wrote get its record and a message per
   * key — the shards of its route only, when it strayed outside the route (`outside`), since the others never
   * reached it.
   */
  writeBack(r: TaskResult, writes: readonly StateKey[], route: readonly number[], outside: StateKey | undefined): void {
    for (const k of writes) {
      const a = keyAddress(k);
      let set = this.writersOf.get(a);
      if (set === undefined) this.writersOf.set(a, (set = new Set()));
      set.add(r.tx);
    }
    // The owners of the keys it wrote, in shard order (asking every shard for its keys was O(workers) per result).
    const placement = this.placement();
    const owners = [...shardsOf(writes, placement)].sort((a, b) => a - b);
    for (const x of owners) {
      if (x === r.worker || (outside !== undefined && !route.includes(x))) continue;
      const keys = keysOn(writes, x, placement);
      this.replicas.want(x, r.tx);
      for (const key of keys) this.mail.send(r.t1, r.tx, r.worker, x, key);
    }
  }

  /** The messages waiting for shard `w`: they travel with its next batch. */
  take(w: number): InFlight[] {
    return this.mail.take(w);
  }

  /** Shard `w` started the batch the messages travelled with (at `t`). */
  arrived(w: number, messages: InFlight[], results: readonly TaskResult[]): void {
    this.mail.deliver(w, messages, results.length > 0 ? results[0].t0 : this.host.recorder.now());
    this.replicas.ran(w, results);
  }

  /** Write-backs to shards that never ran again reached them when the block ended. */
  finish(): void {
    for (let s = 0; s < this.host.workers; s++) this.mail.deliver(s, this.mail.take(s), this.host.recorder.now());
  }
}
