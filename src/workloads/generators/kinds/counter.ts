/** `increment()` on the one shared counter: every pair conflicts on its slot, whatever `hotSpot` says. */
import { Counter } from '../../contracts/index.ts';
import type { Kind } from './kind.ts';

export const counter: Kind = {
  id: 'counter',
  label: 'counter increment',
  summary: 'increments the one shared counter; every increment reads and writes the same slot',
  install(ctx) {
    const address = ctx.assets.counter();
    const input = Counter.increment();
    const touches = () => [{ address, storageKeys: [Counter.slots.count] }];
    return (from) => ({ from, to: address, input, value: 0n, gas: 80_000n, label: this.label, touches });
  },
};
