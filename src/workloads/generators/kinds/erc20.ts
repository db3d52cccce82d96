/**
 * An ERC20 `transfer` on one of `tokens` tokens (Zipf-ranked). It reads and writes the sender's and the
 * recipient's balance slots only: transfers conflict when they share an account on the same token.
 * The sender is credited exactly what it sends, so no transfer ever runs short.
 */
import { ETH } from '../../common.ts';
import type { Address } from '../../../engine/scenario/types.ts';
import { Token } from '../../contracts/index.ts';
import { HOT_WALLET } from '../accounts.ts';
import { ZERO, encoder } from '../calldata.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const erc20: Kind = {
  id: 'erc20',
  label: 'erc20 transfer',
  summary: KIND_SUMMARIES['erc20'],
  install(ctx) {
    const tokens = ctx.assets.tokens();
    const pick = ctx.zipf(tokens.length);
    const balance = ctx.assets.tokenSlots.balance;
    const transfer = encoder<[Address, bigint]>(Token.transfer(ZERO, 0n));
    return (from) => {
      const hot = ctx.hot();
      const token = tokens[hot ? 0 : pick.sample(ctx.rng.next())]!;
      const to = hot ? HOT_WALLET : ctx.recipient();
      const amount = ctx.rng.amount(1, 100, ETH);
      ctx.world.credit(token.ledger, from, amount);
      return {
        from,
        to: token.address,
        input: transfer(to, amount),
        value: 0n,
        gas: 100_000n,
        label: this.label,
        touches: () => [{ address: token.address, storageKeys: [balance(from), balance(to)] }],
      };
    };
  },
};
