import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, KnobError, parseKnobs, parseSeed } from './knobs.ts';
import { generate } from './index.ts';

describe('knob validation', () => {
  it('fills every knob left out with its default', () => {
    expect(parseKnobs({})).toEqual(DEFAULT_KNOBS);
    expect(parseKnobs({ txs: 50, skew: '1.5' })).toEqual({ ...DEFAULT_KNOBS, txs: 50, skew: 1.5 });
  });

  it('normalises a mix to shares that sum to 1, in kind order', () => {
    expect(parseKnobs({ mix: { swap: 1, erc20: 3, eth: 0 } }).mix).toEqual({ erc20: 0.75, swap: 0.25 });
  });

  it('reads fees in wei or gwei', () => {
    expect(parseKnobs({ baseFee: '2gwei', tip: '0.5 gwei' })).toMatchObject({ baseFee: 2_000_000_000, tip: 500_000_000 });
    expect(parseKnobs({ baseFee: 7 }).baseFee).toBe(7);
  });

  const bad: [string, unknown, string][] = [
    ['a negative skew', { skew: -1 }, 'knobs.skew: expected a number ≥ 0, got -1'],
    ['too few transactions', { txs: 5 }, 'knobs.txs: expected a whole number from 10 to 100000, got 5'],
    ['too many transactions', { txs: 100_001 }, 'knobs.txs: expected a whole number from 10 to 100000, got 100001'],
    ['a fractional transaction count', { txs: 10.5 }, 'knobs.txs: expected a whole number from 10 to 100000, got 10.5'],
    ['a hot spot above 1', { hotSpot: 1.5 }, 'knobs.hotSpot: expected a number from 0 to 1, got 1.5'],
    ['accounts that are neither a count nor "fresh"', { accounts: 'many' }, 'knobs.accounts: expected a whole number from 1 to 1000000 or "fresh", got "many"'],
    ['zero accounts', { accounts: 0 }, 'knobs.accounts: expected a whole number from 1 to 1000000 or "fresh", got 0'],
    ['an unknown kind in the mix', { mix: { swp: 1 } }, 'knobs.mix.swp: unknown transaction kind (did you mean "swap"?)'],
    ['a negative mix weight', { mix: { eth: -1 } }, 'knobs.mix.eth: expected a number ≥ 0, got -1'],
    ['an all-zero mix', { mix: { eth: 0 } }, 'knobs.mix: needs at least one kind with a finite weight above 0'],
    ['a mix that is not an object', { mix: 'eth' }, 'knobs.mix: expected kind weights such as { "erc20": 0.7, "swap": 0.3 }, got "eth"'],
    ['zero pools', { pools: 0 }, 'knobs.pools: expected a whole number from 1 to 1000, got 0'],
    ['zero nonces per sender', { noncesPerSender: 0 }, 'knobs.noncesPerSender: expected a whole number from 1 to 100000, got 0'],
    ['transaction type 3', { txType: 3 }, 'knobs.txType: expected one of 0, 1, 2, got 3'],
    ['a negative base fee', { baseFee: -1 }, 'knobs.baseFee: expected an amount of wei from 0 to 1000000000000000 (or "2gwei"), got -1'],
    ['an unknown access-list mode', { accessLists: 'some' }, 'knobs.accessLists: expected one of "exact", "partial", "none", got "some"'],
    ['an unknown deploy mode', { deploy: 'later' }, 'knobs.deploy: expected one of "prestate", "transactions", got "later"'],
    ['access lists on type-0 transactions', { txType: 0, accessLists: 'exact' }, 'knobs.accessLists: type-0 transactions carry no access list'],
    ['a misspelt knob', { hotspot: 0.5 }, 'knobs.hotspot: unknown knob (did you mean "hotSpot"?)'],
    ['knobs that are not an object', 42, 'knobs: expected an object of knob values, got 42'],
  ];

  it.each(bad)('rejects %s with a message naming the knob', (_name, input, message) => {
    expect(() => parseKnobs(input)).toThrow(KnobError);
    expect(() => parseKnobs(input)).toThrow(message);
  });

  it('reports every bad knob at once, one line each', () => {
    const error = (() => {
      try {
        parseKnobs({ skew: -1, txs: 1, mix: { swp: 1 } });
      } catch (e) {
        return e as KnobError;
      }
    })()!;
    expect(error.issues.map((i) => i.keys)).toEqual([['txs'], ['mix', 'swp'], ['skew']]);
    expect(error.message.split('\n')).toHaveLength(3);
  });

  it('rejects a seed that is not a 32-bit whole number, and generate checks it too', () => {
    expect(parseSeed('42')).toBe(42);
    expect(() => parseSeed(-1)).toThrow('seed: expected a whole number from 0 to 4294967295, got -1');
    expect(() => parseSeed(2 ** 32)).toThrow('seed: expected a whole number from 0 to 4294967295');
    expect(() => generate({ txs: 10 }, 1.5)).toThrow(KnobError);
  });
});
