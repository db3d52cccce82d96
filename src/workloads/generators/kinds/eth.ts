/** A plain ETH payment. Conflicts only through its recipient: two payments to one address both write its balance. */
import { ETH } from '../../common.ts';
import { HOT_WALLET } from '../accounts.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const eth: Kind = {
  id: 'eth',
  label: 'eth transfer',
  summary: KIND_SUMMARIES['eth'],
  install(ctx) {
    return (from) => ({
      from,
      to: ctx.hot() ? HOT_WALLET : ctx.recipient(),
      input: '0x',
      value: ctx.rng.amount(1, 10, ETH / 1000n),
      gas: 21_000n,
      label: this.label,
      touches: () => [],
    });
  },
};
