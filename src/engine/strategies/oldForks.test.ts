/**
 * Blocks before Byzantium, where each receipt carries the state root after its transaction (EIP-658 came later), and
 * before Spurious Dragon, where an account touched and left empty stays (EIP-161 came later). Random blocks of each
 * fork from Frontier to Byzantium, signed for real, held to stock `@ethereumjs/vm` `runBlock` on a Merkle trie of the
 * same complete pre-state — state root, receipts root (so every intermediate root), gas and bloom — and every
 * strategy held to sequential.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Address, Hex, PreState } from '../scenario/types.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { type TxPlan, buildSignedBlock, stockRunSignedBlock, targets } from '../testing/signedBlocks.ts';
import { fileURLToPath } from 'node:url';
import { compareWithHeader, uncheckedAgainstHeader } from '../contract.ts';
import { loadScenarioFile } from '../scenario/loadFile.node.ts';
import { loadScenarioFromJson } from '../scenario/load.ts';
import { STRATEGIES } from './registry.ts';

const pool = testPool(4);
afterAll(() => pool.dispose());

/** Pays its whole balance to its caller and destroys itself (CALLER SELFDESTRUCT). */
const DESTRUCTOR: Address = '0x000000000000000000000000000000000000dead';
/** Init code that deploys the counter (slot 0 += 1, a log of the caller). */
const CREATE_COUNTER: Hex = '0x601380600b6000396000f36000546001016000553360005260206000a000';
const EXTRA: PreState = { [DESTRUCTOR]: { balance: '0xde0b6b3a7640000', nonce: '0x0', code: '0x33ff' } };
/** Accounts no pre-state has: a value-0 transfer to one creates it empty before EIP-161, and not after. */
const fresh = (i: number): Address => `0x${(0xf0000 + i).toString(16).padStart(40, '0')}` as Address;

const FORKS = ['chainstart', 'homestead', 'tangerineWhistle', 'spuriousDragon', 'byzantium'] as const;

const txPlan: fc.Arbitrary<TxPlan> = fc
  .record({
    key: fc.integer({ min: 1, max: 6 }),
    kind: fc.constantFrom('transfer', 'counter', 'create', 'destruct', 'free', 'fresh'),
    target: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ key, kind, target }): TxPlan => {
    switch (kind) {
      case 'transfer': return { key, to: targets.account(target), value: 1000n };
      case 'counter': return { key, to: targets.counter };
      case 'create': return { key, to: null, input: CREATE_COUNTER };
      case 'destruct': return { key, to: DESTRUCTOR };
      case 'free': return { key, to: targets.account(target), value: 0n, gasPrice: 0n }; // no fee: the coinbase gets 0
      default: return { key, to: fresh(target), value: 0n };
    }
  });

describe('blocks before Byzantium (state roots in receipts) and before Spurious Dragon (empty accounts stay)', () => {
  const others = STRATEGIES.filter((x) => x.name !== 'sequential').map((x) => x.name);

  it('sequential matches stock runBlock on random blocks of every fork from Frontier to Byzantium; every strategy matches sequential', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FORKS), fc.array(txPlan, { minLength: 1, maxLength: 10 }), fc.constantFrom(...others), fc.constantFrom(1, 2, 4), async (hardfork, plans, strategy, workers) => {
        const b = buildSignedBlock(plans, { hardfork, withSystemContracts: false, extraPre: EXTRA });
        const want = await stockRunSignedBlock(b);
        const seq = await run(pool, b.scenario, { strategy: 'sequential', workers: 1, senders: 'recover' });
        expect({ hardfork, roots: [seq.stateRoot, seq.receiptsRoot, seq.gasUsed, seq.logsBloom] }).toEqual({ hardfork, roots: [want.stateRoot, want.receiptsRoot, want.gasUsed, want.logsBloom] });
        expect(seq.receipts.every((r) => (r.root !== undefined) === (hardfork !== 'byzantium'))).toBe(true);
        const r = await run(pool, b.scenario, { strategy, workers, senders: 'recover' });
        expectSameResult(r, seq, `${hardfork}: ${strategy}×${workers}`);
      }),
      { numRuns: 30, seed: 20261205 },
    );
  }, 300_000);

  it('a real Frontier block (46,147, the first with a transaction): the header where a partial pre-state can match it, every strategy as sequential', async () => {
    const scenario = await loadScenarioFile(fileURLToPath(new URL('../testing/data/46147.json', import.meta.url)));
    expect(scenario.chain.hardfork).toBe('chainstart');
    const seq = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'recover' });
    const checks = compareWithHeader(seq, scenario.expected!);
    expect(checks.map((c) => [c.name, c.ok])).toEqual([['gasUsed', true], ['logsBloom', true]]);
    expect(uncheckedAgainstHeader(seq, scenario.expected!).map((u) => u.name)).toEqual(['stateRoot', 'receiptsRoot']);
    expect(seq.receipts[0]!.root).toMatch(/^0x[0-9a-f]{64}$/);
    for (const strategy of others) expectSameResult(await run(pool, scenario, { strategy, workers: 2, senders: 'recover' }), seq, strategy);
  }, 60_000);

  it('refuses the DAO fork block, whose state change is not a transaction', () => {
    const b = buildSignedBlock([{ key: 1, to: targets.account(2), value: 1n }], { hardfork: 'homestead', withSystemContracts: false });
    const dao = { ...b.scenario, chain: { chainId: 1, hardfork: 'dao' }, block: { ...b.scenario.block, number: '0x1d4c00' } };
    expect(() => loadScenarioFromJson(dao)).toThrow('block.number: is the DAO fork block, whose irregular state change (not a transaction) Parallax does not make');
  });
});
