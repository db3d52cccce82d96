/**
 * A sample of Ethereum's own blockchain tests (`shared/data/ethereum-tests`, see its README) on `sequential` and
 * `block-stm` × 2: the EIP-7610 collision fixtures, point evaluation (0x0a, KZG), a chain of several blocks, blocks
 * invalid on purpose, blob transactions, and a spread of the other suites (the first tests of every 5th file). `npm run
 * test:conformance` runs all of it on every strategy (docs/conformance.md has the figures).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testPool } from '../testing/harness.ts';
import { findFixtureFiles, readJsonFile } from './fixtureFiles.node.ts';
import { decodeBlockRlp } from '../evm/blockRlp.ts';
import { type FixtureTest, loadFixtureTest } from '../scenario/fixture.ts';
import { type ConformanceReport, emptyReport, runFixtureFile } from './suite.ts';

const ROOT = fileURLToPath(new URL('../../../../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/', import.meta.url));
const STRATEGIES = ['sequential', 'block-stm'];
const pool = testPool(2);
afterAll(() => pool.dispose());

/** Runs the first `limit` tests of each file (all when undefined) and returns the report. */
async function conformance(files: string[], limit?: number): Promise<ConformanceReport> {
  const report = emptyReport();
  for (const file of files) {
    const json = (await readJsonFile(file)) as Record<string, unknown>;
    const some = limit === undefined ? json : Object.fromEntries(Object.entries(json).slice(0, limit));
    await runFixtureFile(some, file.slice(ROOT.length), { strategies: STRATEGIES, workers: 2 }, pool, report);
  }
  return report;
}

function expectNoFailures(report: ConformanceReport): void {
  const lines = report.failures.map((f) => `${f.file} › ${f.test} · ${f.strategy}: ${f.problems.join('; ')}`);
  expect(lines, lines.join('\n')).toEqual([]);
}

describe('blockchain tests on sequential and block-stm × 2', () => {
  it('EIP-7610: creating a contract where storage is non-empty fails as a collision', async () => {
    const report = await conformance([
      `${ROOT}stSStoreTest/InitCollisionParis.json`,
      `${ROOT}stCreate2/create2collisionStorageParis.json`,
      `${ROOT}stExtCodeHash/dynamicAccountOverwriteEmpty_Paris.json`,
    ]);
    expectNoFailures(report);
    expect(report.passed).toBe(8);
  });

  it('point evaluation (0x0a) verifies KZG proofs, valid and invalid', async () => {
    const report = await conformance([`${ROOT}Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_calls.json`]);
    expectNoFailures(report);
    expect(report.passed).toBe(12);
  });

  it('runs a chain of blocks in order, each on the post-state of the one before', async () => {
    const report = await conformance([`${ROOT}Pyspecs/cancun/eip4788_beacon_root/multi_block_beacon_root_timestamp_calls.json`], 2);
    expectNoFailures(report);
    expect(report.passed).toBe(2);
  });

  it('refuses blocks that are invalid on purpose: by the loader, by the run at the marked transaction, by the header', async () => {
    const report = await conformance([
      `${ROOT}stTransactionTest/ValueOverflowParis.json`, // a value above 2^256: the loader refuses it
      `${ROOT}stEIP1559/outOfFunds.json`, // the sender cannot pay: the run refuses transaction 0
      `${ROOT}stEIP3607/transactionCollidingWithNonEmptyAccount_calls.json`, // a sender with code
      `${ROOT}Pyspecs/cancun/eip4844_blobs/invalid_tx_max_fee_per_blob_gas.json`, // a second block, refused
      `${ROOT}Pyspecs/cancun/eip4844_blobs/invalid_excess_blob_gas_above_target_change.json`, // a header at fault
    ]);
    expectNoFailures(report);
    expect(report.passed).toBe(10);
  });

  it('blob transactions (type 3): BLOBHASH, blob gas, fees', async () => {
    const report = await conformance([`${ROOT}Pyspecs/cancun/eip4844_blobs/blobhash_opcode_contexts.json`, `${ROOT}Pyspecs/cancun/eip4844_blobs/sufficient_balance_blob_tx.json`], 4);
    expectNoFailures(report);
    expect(report.passed).toBe(8);
  });

  it('a spread of every suite: the first tests of every 5th file', async () => {
    const files = (await findFixtureFiles([ROOT])).filter((_, i) => i % 5 === 0);
    const report = await conformance(files, 3);
    expectNoFailures(report);
    expect(report.passed).toBeGreaterThan(250);
    expect(report.skippedReasons).toEqual({});
  });
});

/** The file with every block given only as RLP (and `expectException`, `transactionSequence`), as some fixtures are. */
function rlpOnly(json: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(json).map(([name, t]) => {
      const test = t as { blocks: Record<string, unknown>[] };
      const blocks = test.blocks.map(({ rlp, expectException, transactionSequence }) => ({ rlp, expectException, transactionSequence }));
      return [name, { ...test, blocks }];
    }),
  );
}

describe('blocks given only as RLP', () => {
  it('are read from it: the fixtures here that give a block only so are refused at decoding, as they should be', async () => {
    const report = await conformance([`${ROOT}Pyspecs/cancun/eip4844_blobs/invalid_blob_tx_contract_creation.json`, `${ROOT}Pyspecs/cancun/eip4844_blobs/reject_valid_full_blob_in_block_rlp.json`]);
    expectNoFailures(report);
    expect(report).toMatchObject({ passed: 4, skipped: 0 });
  });

  it('load as the same blocks as their decoded form (every 8th file), and pass as they do', async () => {
    const files = (await findFixtureFiles([ROOT])).filter((_, i) => i % 8 === 0);
    const withoutSenders = (t: FixtureTest) => t.blocks.map((b) => b.scenario && { ...b.scenario, transactions: b.scenario.transactions.map(({ from: _, ...tx }) => tx) });
    let blocks = 0;
    for (const file of files) {
      const json = (await readJsonFile(file)) as Record<string, unknown>;
      const some = Object.fromEntries(Object.entries(json).slice(0, 2));
      for (const name of Object.keys(some)) {
        const decoded = loadFixtureTest(some, name);
        const fromRlp = loadFixtureTest(rlpOnly(some), name, { decodeRlp: decodeBlockRlp });
        expect(withoutSenders(fromRlp), `${file} › ${name}`).toEqual(withoutSenders(decoded));
        expect(fromRlp.blocks.map((b) => b.refused === undefined)).toEqual(decoded.blocks.map((b) => b.refused === undefined));
        blocks += decoded.blocks.length;
      }
    }
    expect(blocks).toBeGreaterThan(150);
    const report = emptyReport();
    for (const file of files.slice(0, 12)) {
      const json = (await readJsonFile(file)) as Record<string, unknown>;
      await runFixtureFile(rlpOnly(Object.fromEntries(Object.entries(json).slice(0, 1))), file.slice(ROOT.length), { strategies: STRATEGIES, workers: 2 }, pool, report);
    }
    expectNoFailures(report);
    expect(report).toMatchObject({ passed: 12, skipped: 0 });
  }, 120_000);
});
