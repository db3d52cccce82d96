/**
 * `transferFrom` of an item the sender owns (pre-minted to it) to a recipient. It touches the item's owner and
 * approval slots and both parties' balance counts: transfers conflict when they share a wallet.
 */
import { Nft } from '../../contracts/index.ts';
import type { Address } from '../../../engine/scenario/types.ts';
import { HOT_WALLET } from '../accounts.ts';
import { ZERO, encoder } from '../calldata.ts';
import { slotsOf } from '../slots.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const nftTransfer: Kind = {
  id: 'nft-transfer',
  label: 'nft transfer',
  summary: KIND_SUMMARIES['nft-transfer'],
  install(ctx) {
    const nft = ctx.assets.nft();
    const transferFrom = encoder<[Address, Address, bigint]>(Nft.transferFrom(ZERO, ZERO, 0n));
    return (from) => {
      const to = ctx.hot() ? HOT_WALLET : ctx.recipient();
      const id = nft.premint(from);
      return {
        from,
        to: nft.address,
        input: transferFrom(from, to, id),
        value: 0n,
        gas: 150_000n,
        label: this.label,
        touches: () => [{ address: nft.address, storageKeys: [nft.ownerSlot(id), slotsOf.nft.approval(id), nft.balanceSlot(from), nft.balanceSlot(to)] }],
      };
    };
  },
};
