/** The figures a sharded run reports in `stats.extra`, named in plain words. */

export interface ShardCounts {
  shards: number;
  txCount: number;
  /** Committed transactions whose route spans more than one shard. */
  crossShardTxs: number;
  /** `cross-shard-send` messages (each has its `cross-shard-recv`). */
  messages: number;
  /** Executions that touched a shard outside their route (a wrong hint). */
  misrouted: number;
  /** Gas each shard executed for the transactions it committed as their home. */
  shardGas: number[];
  hintMs: number;
}

export function shardStats(c: ShardCounts): Record<string, number> {
  const total = c.shardGas.reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...c.shardGas);
  const mean = total / c.shards;
  return {
    shards: c.shards,
    crossShardTxs: c.crossShardTxs,
    crossShardRatio: c.txCount > 0 ? c.crossShardTxs / c.txCount : 0,
    crossShardMessages: c.messages,
    misroutedTxs: c.misrouted,
    maxShardLoad: max,
    meanShardLoad: mean,
    // 1 is perfect balance; S means one shard did everything.
    loadImbalance: mean > 0 ? max / mean : 1,
    busiestShardShare: total > 0 ? max / total : 0,
    hintMs: c.hintMs,
  };
}
