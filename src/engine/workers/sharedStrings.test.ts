import { describe, expect, it } from 'vitest';
import { shareRepeatedStrings } from './sharedStrings.ts';

describe('shareRepeatedStrings', () => {
  it('leaves every value equal to what it was', () => {
    const objects = Array.from({ length: 1000 }, (_, i) => ({ gas: '0x5208', to: `0x${i.toString(16)}`, nonce: `0x${(i % 3).toString(16)}`, type: 2 }));
    const before = structuredClone(objects);
    shareRepeatedStrings(objects);
    expect(objects).toEqual(before);
  });

  it('shares the values of the fields that repeat, and gives up on a field of mostly distinct values', () => {
    const objects = Array.from({ length: 600 }, (_, i) => ({ gas: '0x5208', nonce: `0x${i % 7}`, to: `0x${i}`, type: 2 }));
    expect(shareRepeatedStrings(objects)).toEqual(['gas', 'nonce']);
  });
});
