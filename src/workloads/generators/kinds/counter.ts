/** `increment()` on the one shared counter: every pair conflicts on its slot, whatever `hotSpot` says. */
import { Counter } from '../../contracts/index.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const counter: Kind = {
  id: 'counter',
  label: 'counter increment',
  summary: KIND_SUMMARIES['counter'],
  install(ctx) {
    const address = ctx.assets.counter();
    const input = Counter.increment();
    const touches = () => [{ address, storageKeys: [Counter.slots.count] }];
    return (from) => ({ from, to: address, input, value: 0n, gas: 80_000n, label: this.label, touches });
  },
};
