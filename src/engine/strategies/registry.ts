/** Every strategy by name. */
import { accessLocks } from './accessLocks.ts';
import { blockStm } from './blockStm.ts';
import { blockStmDeltas } from './blockStmDeltas.ts';
import { dag } from './dag.ts';
import { occRounds } from './occRounds.ts';
import { predictive } from './predictive.ts';
import { sequential } from './sequential.ts';
import { shards, shardsGraph } from './shards.ts';
import type { Strategy } from './types.ts';

export const STRATEGIES: readonly Strategy[] = [sequential, blockStm, blockStmDeltas, occRounds, dag, accessLocks, predictive, shards, shardsGraph];

export function getStrategy(name: string): Strategy {
  const s = STRATEGIES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown strategy "${name}" (known: ${STRATEGIES.map((x) => x.name).join(', ')})`);
  return s;
}
