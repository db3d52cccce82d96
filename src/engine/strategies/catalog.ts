/**
 * What every strategy is called, what it does and how many workers it uses — as plain data. Imports no strategy
 * code, so the page (its setup panel, links, lessons) and the CLI's argument checks can list strategies without
 * loading the engine. The registry (`registry.ts`) pairs these names with the implementations, in the same order.
 */

/** How a strategy finds parallelism (the sections of docs/strategies.md). */
export type StrategyFamily =
  /** No parallelism: the definition of correct. */
  | 'reference'
  /** Execute speculatively, validate, re-execute what read stale state. */
  | 'optimistic'
  /** Learn every transaction's accesses first (hint pass or declarations), then schedule without speculation. */
  | 'scheduled'
  /** Partition the state across workers; cross-shard transactions exchange messages. */
  | 'sharded';

export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  /** Workers the strategy can use: `max` absent means as many as it is given. */
  readonly workers: { readonly min: number; readonly max?: number };
  readonly family?: StrategyFamily;
}

export const STRATEGY_CATALOG: readonly StrategyInfo[] = [
  {
    name: 'sequential',
    description: 'Every transaction in block order on one VM: the reference result.',
    workers: { min: 1, max: 1 },
    family: 'reference',
  },
  {
    name: 'block-stm',
    description: 'Optimistic parallel execution with multi-version memory, validation and re-execution (Block-STM); each sender’s nonce and balance are checked at commit, so one sender’s payments are no chain (pevm’s lazy senders).',
    workers: { min: 1 },
    family: 'optimistic',
  },
  {
    name: 'block-stm-deltas',
    description: 'Block-STM where ETH credits to an account are commutative deltas unless its balance is observed (pevm lazy updates); it reads senders in full.',
    workers: { min: 1 },
    family: 'optimistic',
  },
  {
    name: 'occ-rounds',
    description: 'Speculative rounds: execute every pending transaction against the committed state, commit in order while reads hold, retry the rest.',
    workers: { min: 1 },
    family: 'optimistic',
  },
  {
    name: 'dag',
    description: 'Dependency hints: a hint pass finds each transaction’s reads and writes, then the DAG is scheduled with no speculation.',
    workers: { min: 1 },
    family: 'scheduled',
  },
  {
    name: 'access-locks',
    description: 'Declared access (Sealevel, EIP-2930): a lock table runs non-overlapping transactions together; an undeclared access re-runs serially.',
    workers: { min: 1 },
    family: 'scheduled',
  },
  {
    name: 'predictive',
    description: 'Learned load balancing: a hot-key model routes predicted conflicts to one worker in order and spreads the rest; optimistic, validated.',
    workers: { min: 1 },
    family: 'optimistic',
  },
  {
    name: 'shards',
    description:
      'Static sharding: one shard per worker, addresses placed by hash; single-shard transactions run in their shard, cross-shard ones wait for every shard they touch and exchange messages.',
    workers: { min: 1 },
    family: 'sharded',
  },
  {
    name: 'shards-graph',
    description: 'Static sharding with addresses placed from the access graph of a hint pass, to keep transactions on one shard while balancing load.',
    workers: { min: 1 },
    family: 'sharded',
  },
];

/** Every strategy's name, in catalog order. */
export const STRATEGY_NAMES: readonly string[] = STRATEGY_CATALOG.map((s) => s.name);

/** The catalog entry for `name`; throws the same message as the registry's `getStrategy` for an unknown name. */
export function strategyInfo(name: string): StrategyInfo {
  const s = STRATEGY_CATALOG.find((x) => x.name === name);
  if (!s) throw new Error(`unknown strategy "${name}" (known: ${STRATEGY_NAMES.join(', ')})`);
  return s;
}

/** The workers a run of `name` actually uses when `requested` are asked for (sequential: always 1). */
export function effectiveWorkers(name: string, requested: number): number {
  const { min, max } = strategyInfo(name).workers;
  const n = Number.isFinite(requested) ? Math.floor(requested) : min;
  return Math.max(min, max === undefined ? n : Math.min(max, n));
}
