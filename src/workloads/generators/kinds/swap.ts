/**
 * A swap on one of `pools` constant-product pools (Zipf-ranked; `hotSpot` sends it to pool 0), either direction.
 * Every swap reads and writes its pool's two reserves and the pool's balance in both tokens, so swaps on one pool
 * form a chain; the trader's own balances and (unlimited, never written) allowance are private.
 */
import { ETH } from '../../common.ts';
import { Pool } from '../../contracts/index.ts';
import { ZERO, encoder } from '../calldata.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const swap: Kind = {
  id: 'swap',
  label: 'swap',
  summary: KIND_SUMMARIES['swap'],
  install(ctx) {
    const pools = ctx.assets.pools();
    const pick = ctx.zipf(pools.length);
    const { balance, allowance } = ctx.assets.tokenSlots;
    const encodeSwap = encoder<[`0x${string}`, bigint, bigint]>(Pool.swap(ZERO, 0n, 0n));
    return (from) => {
      const pool = pools[ctx.hot() ? 0 : pick.sample(ctx.rng.next())]!;
      const zeroForOne = ctx.rng.chance(0.5);
      const [tokenIn, tokenOut] = zeroForOne ? [pool.token0, pool.token1] : [pool.token1, pool.token0];
      const amountIn = ctx.rng.amount(1, 100, ETH / 10n);
      ctx.world.credit(tokenIn.ledger, from, amountIn);
      ctx.world.approve(tokenIn.address, from, pool.address, ctx.assets.tokenSlots);
      return {
        from,
        to: pool.address,
        input: encodeSwap(tokenIn.address, amountIn, 0n),
        value: 0n,
        gas: 250_000n,
        label: this.label,
        touches: () => [
          { address: pool.address, storageKeys: [Pool.slots.token0, Pool.slots.token1, Pool.slots.reserve0, Pool.slots.reserve1] },
          { address: tokenIn.address, storageKeys: [allowance(from, pool.address), balance(from), balance(pool.address)] },
          { address: tokenOut.address, storageKeys: [balance(pool.address), balance(from)] },
        ],
      };
    };
  },
};
