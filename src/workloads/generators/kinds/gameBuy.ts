/**
 * `buy()` of a listed item from a seller (Zipf-ranked from the recipient population; `hotSpot` buys from the hot
 * wallet's shop). Each item is bought once, so no buy finds it sold; the buyer is credited the price in gold.
 * Buys from one seller conflict on the seller's gold.
 */
import { Game } from '../../contracts/index.ts';
import { HOT_WALLET } from '../accounts.ts';
import { encoder } from '../calldata.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const gameBuy: Kind = {
  id: 'game-buy',
  label: 'game buy',
  summary: KIND_SUMMARIES['game-buy'],
  install(ctx) {
    const game = ctx.assets.game();
    const buy = encoder<[bigint]>(Game.buy(0n));
    return (from) => {
      const seller = ctx.hot() ? HOT_WALLET : ctx.recipient();
      const price = BigInt(ctx.rng.between(1, 100));
      const item = game.premake(seller, price);
      ctx.world.credit(game.gold, from, price);
      return {
        from,
        to: game.address,
        input: buy(item),
        value: 0n,
        gas: 150_000n,
        label: this.label,
        touches: () => [{ address: game.address, storageKeys: [game.priceSlot(item), game.ownerSlot(item), game.gold.slot(from), game.gold.slot(seller)] }],
      };
    };
  },
};
