/** Every strategy's policy by name, in the catalog's order (names and descriptions live in `catalog.ts`). */
import type { StrategyDef } from '../runtime/policy.ts';
import { accessLocks } from './accessLocks.ts';
import { blockStm } from './blockStm.ts';
import { blockStmDeltas } from './blockStmDeltas.ts';
import { STRATEGY_NAMES, strategyInfo } from './catalog.ts';
import { dag } from './dag.ts';
import { occRounds } from './occRounds.ts';
import { predictive } from './predictive.ts';
import { sequential } from './sequential.ts';
import { shards, shardsGraph } from './shards.ts';

const DEFS: readonly StrategyDef[] = [sequential, blockStm, blockStmDeltas, occRounds, dag, accessLocks, predictive, shards, shardsGraph];

export const STRATEGIES: readonly StrategyDef[] = STRATEGY_NAMES.map((name) => {
  const def = DEFS.find((d) => d.name === name);
  if (!def) throw new Error(`strategy "${name}" is in the catalog but has no policy`);
  return def;
});

export function getStrategy(name: string): StrategyDef {
  strategyInfo(name); // an unknown name: the catalog's message
  return STRATEGIES.find((x) => x.name === name)!;
}
