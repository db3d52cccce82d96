/** `increment()` on the per-user counter: each sender bumps its own slot, so senders never conflict. */
import { PerUserCounter } from '../../contracts/index.ts';
import { memo } from '../memo.ts';
import { slotsOf } from '../slots.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const userCounter: Kind = {
  id: 'user-counter',
  label: 'per-user counter increment',
  summary: KIND_SUMMARIES['user-counter'],
  install(ctx) {
    const address = ctx.assets.userCounter();
    const slot = memo(slotsOf.userCounter.count);
    const input = PerUserCounter.increment();
    return (from) => ({
      from,
      to: address,
      input,
      value: 0n,
      gas: 80_000n,
      label: this.label,
      touches: () => [{ address, storageKeys: [slot(from)] }],
    });
  },
};
