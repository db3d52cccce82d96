/**
 * `shards` and `shards-graph`: static state sharding, as sharded blockchains do it (Ethereum's sharding research,
 * Zilliqa, NEAR Nightshade), on one machine.
 *
 * The state is split across S shards, S = the worker count; every address — its balance, code and storage — lives on
 * one shard, and worker i is shard i. `shards` places addresses by hash; `shards-graph` places them from the access
 * graph, so that transactions that touch the same addresses land on the same shard. Both learn which addresses each
 * transaction touches from a hint pass (every transaction executed once, in parallel, against the pre-state) plus
 * what it declares (sender, recipient); the shards it touches are its route, home shard first.
 *
 * Each shard works through its own queue, in block order. A single-shard transaction runs inside its shard (in
 * batches). A cross-shard one is a barrier: once every shard of its route has reached it in its queue, the other
 * shards send the home shard the values it reads on them, the home shard executes it, and sends each shard back the
 * writes to its keys; only then do those shards move on. So block order holds on every shard, and a transaction sees
 * exactly the writes of the earlier transactions that touched its shards — the sequential result, when the route is
 * right. Messages are recorded as `cross-shard-send` / `cross-shard-recv` pairs, routes as `shard-route`.
 *
 * A route can be wrong (a hint against the pre-state misses what the block changes). An execution that touched a
 * shard outside its route is caught when its result comes back (`undeclared`) and runs again when it reaches the
 * commit point; every transaction's reads are validated there too, in block order, against everything committed
 * below it, and a stale one runs again then — on its home shard, sent the final state below it. A wrong route costs
 * time, never correctness.
 */
import { startWorkers } from './shared.ts';
import { type PlacementKind, ShardRun } from './shards/coordinator.ts';
import type { RunContext, Strategy, StrategyOutput } from './types.ts';

function shardsStrategy(name: string, placement: PlacementKind, description: string): Strategy {
  return {
    name,
    description,
    async run(ctx: RunContext): Promise<StrategyOutput> {
      const { senders, busy, recoverMs } = await startWorkers(ctx);
      return new ShardRun(ctx, senders, busy, recoverMs, placement).execute();
    },
  };
}

export const shards = shardsStrategy(
  'shards',
  'hash',
  'Static sharding: one shard per worker, addresses placed by hash; single-shard transactions run in their shard, cross-shard ones wait for every shard they touch and exchange messages.',
);

export const shardsGraph = shardsStrategy(
  'shards-graph',
  'graph',
  'Static sharding with addresses placed from the access graph of a hint pass, to keep transactions on one shard while balancing load.',
);
