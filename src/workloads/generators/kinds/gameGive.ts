/** `give()` of an item the sender owns to another player: it touches only that item's slots, so gifts never conflict. */
import { Game } from '../../contracts/index.ts';
import type { Address } from '../../../engine/scenario/types.ts';
import { HOT_WALLET } from '../accounts.ts';
import { ZERO, encoder } from '../calldata.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const gameGive: Kind = {
  id: 'game-give',
  label: 'game give',
  summary: KIND_SUMMARIES['game-give'],
  install(ctx) {
    const game = ctx.assets.game();
    const give = encoder<[bigint, Address]>(Game.give(0n, ZERO));
    return (from) => {
      const to = ctx.hot() ? HOT_WALLET : ctx.recipient();
      const item = game.premake(from, 0n);
      return {
        from,
        to: game.address,
        input: give(item, to),
        value: 0n,
        gas: 100_000n,
        label: this.label,
        touches: () => [{ address: game.address, storageKeys: [game.ownerSlot(item), game.priceSlot(item)] }],
      };
    };
  },
};
