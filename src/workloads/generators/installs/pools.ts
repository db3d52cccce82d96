/**
 * Constant-product pools, each with its own two tokens and the same starting liquidity (1,000,000 token0 and
 * 2,000,000 token1, provided by the deployer), so the pool count alone sets how swaps spread.
 */
import type { Address } from '../../../engine/scenario/types.ts';
import { ETH } from '../../common.ts';
import { Pool } from '../../contracts/index.ts';
import { DEPLOYER, type TokenSlots, type World } from '../world.ts';
import { installToken, type TokenInfo } from './tokens.ts';

export const RESERVE0 = 1_000_000n * ETH;
export const RESERVE1 = 2_000_000n * ETH;

export interface PoolInfo {
  address: Address;
  token0: TokenInfo;
  token1: TokenInfo;
}

/** floor(sqrt(y)), as the pool computes the first deposit's shares. */
export function isqrt(y: bigint): bigint {
  if (y < 2n) return y;
  let z = y;
  let x = y / 2n + 1n;
  while (x < z) [z, x] = [x, (y / x + x) / 2n];
  return z;
}

export function installPools(world: World, n: number, slots: TokenSlots): PoolInfo[] {
  const pools: PoolInfo[] = [];
  for (let i = 0; i < n; i++) {
    const token0 = installToken(world, `pool ${i} token0`, '70a0', i, slots);
    const token1 = installToken(world, `pool ${i} token1`, '70b0', i, slots);
    const address = world.deploy(`pool ${i}`, '9001', i, Pool.deployedBytecode, Pool.creationCode(token0.address, token1.address));
    if (world.mode === 'prestate') {
      const shares = isqrt(RESERVE0 * RESERVE1);
      world.store(address, Pool.slots.token0, BigInt(token0.address));
      world.store(address, Pool.slots.token1, BigInt(token1.address));
      world.store(address, Pool.slots.reserve0, RESERVE0);
      world.store(address, Pool.slots.reserve1, RESERVE1);
      world.store(address, Pool.slots.totalShares, shares);
      world.store(address, Pool.slots.shares(DEPLOYER), shares);
      world.credit(token0.ledger, address, RESERVE0);
      world.credit(token1.ledger, address, RESERVE1);
    } else {
      world.credit(token0.ledger, DEPLOYER, RESERVE0);
      world.credit(token1.ledger, DEPLOYER, RESERVE1);
      world.approve(token0.address, DEPLOYER, address, slots);
      world.approve(token1.address, DEPLOYER, address, slots);
      world.init({ from: DEPLOYER, to: address, input: Pool.addLiquidity(RESERVE0, RESERVE1), value: 0n, gas: 300_000n, label: 'setup: add liquidity' });
    }
    pools.push({ address, token0, token1 });
  }
  return pools;
}
