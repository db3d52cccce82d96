import { describe, expect, it } from 'vitest';
import { wantsReference } from './autoReference.ts';
import { LARGE_RUN } from './runProgress.ts';

describe('wantsReference', () => {
  it('fetches the sequential reference after a parallel run the page ran without asking', () => {
    expect(wantsReference({ strategy: 'block-stm', txCount: 200 })).toBe(true);
    expect(wantsReference({ strategy: 'dag', txCount: LARGE_RUN })).toBe(true);
  });
  it('not for sequential (its own reference), a simulated run, an empty block or a run long enough to ask first', () => {
    expect(wantsReference({ strategy: 'sequential', txCount: 200 })).toBe(false);
    expect(wantsReference({ strategy: 'block-stm', txCount: 200, simulated: true })).toBe(false);
    expect(wantsReference({ strategy: 'block-stm', txCount: 0 })).toBe(false);
    expect(wantsReference({ strategy: 'block-stm', txCount: LARGE_RUN + 1 })).toBe(false);
  });
});
