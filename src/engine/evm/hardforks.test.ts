/** The scenario layer's copy of the hardfork names and mainnet's schedule agrees with the installed @ethereumjs/common. */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { describe, expect, it } from 'vitest';
import { paramsBlock } from '@ethereumjs/block';
import { HARDFORKS, forkAtLeast, mainnetHardforkAt } from '../scenario/hardforks.ts';
import { maxBlobsPerBlock } from '../scenario/rules.ts';

const hex = (n: bigint | number): `0x${string}` => `0x${n.toString(16)}`;

describe('scenario/hardforks.ts against @ethereumjs/common', () => {
  it('names every hardfork of the Hardfork enum, in its order', () => {
    expect(HARDFORKS).toEqual(Object.values(Hardfork));
  });

  it('picks the mainnet hardfork Common.getHardforkBy picks, at and around every scheduled fork', () => {
    const common = new Common({ chain: Mainnet });
    const byBlock = common.hardforks().filter((h) => h.block !== null).map((h) => BigInt(h.block!));
    const byTime = common.hardforks().filter((h) => h.timestamp !== undefined).map((h) => BigInt(h.timestamp!));
    const merge = BigInt(common.hardforks().find((h) => h.name === 'paris')!.block!);
    const firstTime = byTime[0]!;
    const cases: [bigint, bigint][] = [];
    // Before Shanghai: every block fork ± 1, with a timestamp before the first timestamp fork.
    for (const b of byBlock) for (const d of [-1n, 0n, 1n]) if (b + d >= 0n) cases.push([b + d, firstTime - 1000n]);
    // From Shanghai: every timestamp fork ± 1, on a block after the merge.
    for (const t of byTime) for (const d of [-1n, 0n, 1n]) cases.push([merge + 1_000_000n, t + d]);
    cases.push([0n, 0n], [merge, firstTime + 10n ** 9n]);
    for (const [number, timestamp] of cases) {
      const expected = common.getHardforkBy({ blockNumber: number, timestamp });
      expect({ number, timestamp, fork: mainnetHardforkAt(hex(number), hex(timestamp)) }).toEqual({ number, timestamp, fork: expected });
    }
  });

  it('answers mismatched block numbers and timestamps as Common does: the same fork, or a refusal', () => {
    const common = new Common({ chain: Mainnet });
    const outcome = (f: () => string): string => {
      try {
        return f();
      } catch {
        return 'refused';
      }
    };
    const pairs: [bigint, bigint][] = [[1_000_000n, 1_710_338_135n], [100n, 1_767_747_672n], [20_000_000n, 1_600_000_000n], [15_537_393n, 1_681_338_455n]];
    for (const [number, timestamp] of pairs) {
      const expected = outcome(() => common.getHardforkBy({ blockNumber: number, timestamp }));
      expect({ number, timestamp, fork: outcome(() => mainnetHardforkAt(hex(number), hex(timestamp))) }).toEqual({ number, timestamp, fork: expected });
    }
    expect(() => mainnetHardforkAt(hex(1_000_000n), hex(1_710_338_135n))).toThrow('different mainnet hardforks');
  });
});

describe('scenario/rules.ts blob limits against @ethereumjs/common', () => {
  it('allows the blobs a block holds in every fork mainnet schedules from Cancun on', () => {
    const forks = new Common({ chain: Mainnet }).hardforks().map((h) => h.name).filter((f) => forkAtLeast(f, 'cancun'));
    expect(forks).toContain('bpo2');
    for (const hardfork of forks) {
      const schedule = new Common({ chain: Mainnet, hardfork, params: paramsBlock }).getBlobGasSchedule();
      expect({ hardfork, blobs: maxBlobsPerBlock(hardfork) }).toEqual({ hardfork, blobs: Number(schedule.maxBlobGasPerBlock / 131_072n) });
    }
  });
});
