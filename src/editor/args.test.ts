import { describe, expect, it } from 'vitest';
import { Prng } from '../workloads/generators/prng.ts';
import { type ArgSpec, type Sampler, argKindsFor, compileArg, isProblem, user } from './args.ts';
import { encodeArgs, staticWord } from './abiEncode.ts';
import { parseConstant, parseInteger } from './values.ts';

const CONTRACT = '0xc0c0000000000000000000000000000000000001' as const;

function sampler(spec: ArgSpec, type: string): Sampler {
  const s = compileArg(spec, type);
  if (isProblem(s)) throw new Error(s.message);
  return s;
}

function draws(spec: ArgSpec, type: string, n: number, seed = 7) {
  const s = sampler(spec, type);
  const rng = Prng.stream(seed, 'test');
  return Array.from({ length: n }, (_, i) => s({ sender: user(i % 3), contract: CONTRACT, rng }));
}

describe('argument generators', () => {
  it('the same spec and seed draw the same values; another seed draws others', () => {
    const spec: ArgSpec = { kind: 'zipf-account', accounts: 50, skew: 1 };
    expect(draws(spec, 'address', 200)).toEqual(draws(spec, 'address', 200));
    expect(draws(spec, 'address', 200)).not.toEqual(draws(spec, 'address', 200, 8));
  });

  it('a range stays within its bounds and reaches both ends', () => {
    const v = draws({ kind: 'range', min: '3', max: '7' }, 'uint8', 2000) as bigint[];
    expect(Math.min(...v.map(Number))).toBe(3);
    expect(Math.max(...v.map(Number))).toBe(7);
    const big = draws({ kind: 'range', min: '1 ether', max: '2 ether' }, 'uint256', 500) as bigint[];
    for (const x of big) expect(x >= 10n ** 18n && x <= 2n * 10n ** 18n).toBe(true);
    const neg = draws({ kind: 'range', min: '-5', max: '-1' }, 'int16', 200) as bigint[];
    for (const x of neg) expect(x >= -5n && x <= -1n).toBe(true);
  });

  it('random accounts come from the first n users; Zipf puts the most on user 0', () => {
    const uniform = draws({ kind: 'account', accounts: 4 }, 'address', 400) as bigint[];
    expect(new Set(uniform).size).toBe(4);
    for (const a of uniform) expect([0, 1, 2, 3].map((i) => BigInt(user(i)))).toContain(a);
    const zipf = draws({ kind: 'zipf-account', accounts: 100, skew: 1.5 }, 'address', 1000) as bigint[];
    const top = zipf.filter((a) => a === BigInt(user(0))).length;
    expect(top).toBeGreaterThan(300);
  });

  it('zipf items are ranks 0…n-1, the sender kind is the caller and the contract kind is the contract', () => {
    const items = draws({ kind: 'zipf-item', items: 5, skew: 1 }, 'uint256', 500) as bigint[];
    expect(new Set(items)).toEqual(new Set([0n, 1n, 2n, 3n, 4n]));
    expect(draws({ kind: 'sender' }, 'address', 3)).toEqual([0, 1, 2].map((i) => BigInt(user(i))));
    expect(draws({ kind: 'contract' }, 'address', 1)).toEqual([BigInt(CONTRACT)]);
  });

  it('a spec that does not fit the type names the field that is wrong', () => {
    expect(compileArg({ kind: 'sender' }, 'uint256')).toMatchObject({ field: 'kind' });
    expect(compileArg({ kind: 'range', min: '1', max: '300' }, 'uint8')).toEqual({ field: 'max', message: '300 is outside uint8 (0 to 255)' });
    expect(compileArg({ kind: 'range', min: '9', max: '2' }, 'uint256')).toMatchObject({ field: 'max', message: 'max (2) is below min (9)' });
    expect(compileArg({ kind: 'account', accounts: 0 }, 'address')).toMatchObject({ field: 'accounts' });
    expect(compileArg({ kind: 'zipf-item', items: 10, skew: -1 }, 'uint256')).toMatchObject({ field: 'skew' });
    expect(compileArg({ kind: 'constant', value: 'abc' }, 'uint256')).toMatchObject({ field: 'value' });
    expect(argKindsFor('string')).toEqual(['constant']);
  });
});

describe('values and encoding', () => {
  it('reads integers in decimal, hex and with units', () => {
    expect(parseInteger('1,000')).toBe(1000n);
    expect(parseInteger('0x2a')).toBe(42n);
    expect(parseInteger('1.5 ether')).toBe(15n * 10n ** 17n);
    expect(parseInteger('2 gwei')).toBe(2_000_000_000n);
    expect(parseInteger('1.5')).toMatch(/not a whole number/);
    expect(parseInteger('3 bananas')).toMatch(/unknown unit/);
  });

  it('encodes static words, negative integers, bytesN and dynamic strings as solc expects', () => {
    expect(staticWord('int256', -1n)).toBe('f'.repeat(64));
    expect(staticWord('bytes2', 0xabcdn)).toBe(`abcd${'0'.repeat(60)}`);
    expect(parseConstant('bool', 'yes')).toMatch(/true or false/);
    // f(uint256 7, string "abc"): head (7, offset 0x40), tail (length 3, "abc" padded).
    const enc = encodeArgs(['uint256', 'string'], [7n, parseConstant('string', 'abc') as { bytes: Uint8Array }]);
    expect(enc).toBe(
      `${'7'.padStart(64, '0')}${'40'.padStart(64, '0')}${'3'.padStart(64, '0')}${'616263'.padEnd(64, '0')}`,
    );
  });
});
