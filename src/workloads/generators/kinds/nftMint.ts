/**
 * A public `mint()`: the id comes from the collection's shared `nextId`, so every pair of mints conflicts, like a
 * hot counter; the new item's owner slot and the minter's balance are private.
 */
import { Nft } from '../../contracts/index.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const nftMint: Kind = {
  id: 'nft-mint',
  label: 'nft mint',
  summary: KIND_SUMMARIES['nft-mint'],
  install(ctx) {
    const nft = ctx.assets.nft();
    const input = Nft.mint();
    return (from) => {
      const id = nft.nextMint();
      return {
        from,
        to: nft.address,
        input,
        value: 0n,
        gas: 150_000n,
        label: this.label,
        touches: () => [{ address: nft.address, storageKeys: [Nft.slots.nextId, nft.ownerSlot(id()), nft.balanceSlot(from)] }],
      };
    };
  },
};
