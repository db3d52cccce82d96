/**
 * `shards` and `shards-graph`: static state sharding, as sharded blockchains do it (Ethereum's sharding research,
 * Zilliqa, NEAR Nightshade), on one machine.
 *
 * The state is split across S shards, S = the worker count; every address — its balance, code and storage — lives on
 * one shard, and worker i is shard i. `shards` places addresses by hash; `shards-graph` places them from the access
 * graph, so that transactions that touch the same addresses land on the same shard. Both learn which addresses each
 * transaction touches from the shared hint pass (`../hintPass.ts`, nonce chains included) plus
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
import type { StrategyDef } from '../runtime/policy.ts';
import { type PlacementKind, ShardsPolicy } from './shards/policy.ts';

const shardsStrategy = (name: string, placement: PlacementKind): StrategyDef => ({ name, policy: (host) => new ShardsPolicy(host, placement) });

export const shards = shardsStrategy('shards', 'hash');
export const shardsGraph = shardsStrategy('shards-graph', 'graph');
