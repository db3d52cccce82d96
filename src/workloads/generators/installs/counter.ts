/** The counters: one shared (hot) and one with a slot per user. */
import type { Address } from '../../../engine/scenario/types.ts';
import { Counter, PerUserCounter } from '../../contracts/index.ts';
import type { World } from '../world.ts';

export function installCounter(world: World): Address {
  return world.deploy('counter', 'c0c0', 0, Counter.deployedBytecode, Counter.bytecode);
}

/** The per-user counter: one slot per sender, so no conflicts between senders. */
export function installUserCounter(world: World): Address {
  return world.deploy('per-user counter', 'c0c1', 0, PerUserCounter.deployedBytecode, PerUserCounter.bytecode);
}
