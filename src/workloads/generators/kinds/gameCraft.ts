/** `craft()`: the item id comes from the game's shared `itemCount`, so every pair of crafts conflicts. */
import { Game } from '../../contracts/index.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const gameCraft: Kind = {
  id: 'game-craft',
  label: 'game craft',
  summary: KIND_SUMMARIES['game-craft'],
  install(ctx) {
    const game = ctx.assets.game();
    const input = Game.craft();
    return (from) => {
      const item = game.nextCraft();
      return {
        from,
        to: game.address,
        input,
        value: 0n,
        gas: 100_000n,
        label: this.label,
        touches: () => [{ address: game.address, storageKeys: [Game.slots.itemCount, game.ownerSlot(item())] }],
      };
    };
  },
};
