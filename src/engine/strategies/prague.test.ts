/**
 * Prague: EIP-7702 set-code transactions and the block's system calls (EIP-2935 before the first transaction,
 * EIP-7002 and EIP-7251 after the last), held to stock `@ethereumjs/vm` `runBlock` on the same complete pre-state —
 * the state root, the receipts root, the gas and the bloom — and every strategy held to sequential.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTx } from '../evm/transactions.ts';
import { createCommon } from '../evm/chain.ts';
import { emptyReport, runFixtureFile } from '../conformance/suite.ts';
import { compareWithHeader } from '../contract.ts';
import { loadScenarioFromJson } from '../scenario/load.ts';
import { parseScenarioText } from '../scenario/schema.ts';
import { serializeScenario } from '../scenario/serialize.ts';
import type { Result } from '../result.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { type SignedBlock, type StockBlockResult, SYSTEM_CONTRACTS, type TxPlan, buildPragueBlock, pragueBlock, pragueExample, pragueFixture, stockRunSignedBlock, targets } from '../testing/signedBlocks.ts';
import { matrixRuns } from '../testing/matrix.ts';
import { STRATEGIES } from './registry.ts';

const pool = testPool(4);
afterAll(() => pool.dispose());

const DELEGATION = '0xef0100';

describe('a Prague block with set-code transactions and system calls', () => {
  let block: SignedBlock;
  let stock: StockBlockResult;
  let reference: Result;

  beforeAll(async () => {
    block = pragueBlock();
    stock = await stockRunSignedBlock(block);
    reference = await run(pool, block.scenario, { strategy: 'sequential', workers: 1, senders: 'recover' });
  }, 60_000);

  it('reads and writes back as the same scenario, and builds the signed transactions byte for byte', () => {
    const again = parseScenarioText(serializeScenario(block.scenario));
    expect(again).toEqual(block.scenario);
    const common = createCommon(again);
    for (const tx of again.transactions) expect(`0x${Buffer.from(buildTx(tx, common).hash()).toString('hex')}`).toBe(tx.hash);
  });

  it('is the page’s example, examples/prague-set-code.json (npx tsx scripts/prague-example.ts writes it)', () => {
    expect(readFileSync(new URL('../../../examples/prague-set-code.json', import.meta.url), 'utf8')).toBe(serializeScenario(pragueExample(block, stock)));
  });

  it('does in stock ethereumjs what the block means to do', async () => {
    const a = block.address;
    expect(await stock.code(a(2))).toBe(`${DELEGATION}${block.reader.slice(2)}`); // delegated, then re-delegated
    expect(await stock.code(a(3))).toBe('0x'); // delegated, then cleared
    expect(await stock.code(a(5))).toBe(`${DELEGATION}${block.counter.slice(2)}`); // self-sponsored
    expect(await stock.code(a(7))).toBe('0x'); // another chain's authorization: skipped
    expect(await stock.code(a(8))).toBe(`${DELEGATION}${block.counter.slice(2)}`); // chain id 0: any chain
    expect(await stock.storage(a(2), 0n)).toBe(2n); // the counter ran in account 2 (the delegating call, and the next) …
    expect(await stock.storage(a(8), 0n)).toBe(1n); // … and in account 8
    expect(await stock.nonce(a(2))).toBe(3n); // two authorizations and its own transaction
    // The closing calls took the requests off their queues: head and tail (slots 2 and 3) back to 0.
    for (const queue of [SYSTEM_CONTRACTS.withdrawals!, SYSTEM_CONTRACTS.consolidations!]) {
      expect(await stock.storage(queue.address, 3n)).toBe(0n);
      expect(await stock.storage(queue.address, 1n)).toBe(0n); // the block's request count, reset
    }
  });

  it('sequential reproduces stock runBlock: state root, receipts root, gas used and bloom', () => {
    expect(reference.stateRoot).toBe(stock.stateRoot);
    expect(reference.receiptsRoot).toBe(stock.receiptsRoot);
    expect(reference.gasUsed).toBe(stock.gasUsed);
    expect(reference.logsBloom).toBe(stock.logsBloom);
    expect(reference.receipts.every((r) => r.status === 1)).toBe(true);
    // The reader logged the parent's hash, which the opening system call had stored in the history contract.
    const parent = block.scenario.block.blockHashes[String(BigInt(block.scenario.block.number) - 1n)];
    const reads = reference.receipts.flatMap((r) => r.logs).filter((l) => l.data === parent);
    expect(reads.length).toBe(2); // the reader itself, and account 2 running its code
  });

  it('every strategy commits the sequential result', async () => {
    for (const [s, strategy] of STRATEGIES.filter((x) => x.name !== 'sequential').entries()) {
      for (const { workers } of matrixRuns([2, 4, 1], s)) {
        const r = await run(pool, block.scenario, { strategy: strategy.name, workers, senders: 'recover' });
        expectSameResult(r, reference, `${strategy.name}×${workers}`);
      }
    }
  }, 120_000);

  it("opens as a node's eth_getBlockByNumber answer would give it, and replays to its header", async () => {
    const s = block.scenario;
    const number = BigInt(s.block.number);
    // The RPC shape: a node's field names, the sender and yParity beside each signature, fields the loader drops.
    const transactions = s.transactions.map((t, i) => ({
      ...t,
      type: `0x${t.type.toString(16)}`,
      from: reference.senders[i],
      gasPrice: t.maxFeePerGas,
      yParity: t.signature!.v,
      ...t.signature,
      signature: undefined,
      blockHash: `0x${'11'.repeat(32)}`,
      transactionIndex: `0x${i.toString(16)}`,
    }));
    const rpc = {
      block: {
        number: s.block.number,
        timestamp: s.block.timestamp,
        miner: s.block.coinbase,
        gasLimit: s.block.gasLimit,
        gasUsed: stock.gasUsed,
        parentHash: s.block.blockHashes[String(number - 1n)],
        stateRoot: stock.stateRoot,
        receiptsRoot: stock.receiptsRoot,
        logsBloom: stock.logsBloom,
        baseFeePerGas: s.block.baseFeePerGas,
        mixHash: s.block.prevRandao,
        parentBeaconBlockRoot: s.block.parentBeaconBlockRoot,
        excessBlobGas: s.block.excessBlobGas,
        withdrawals: s.block.withdrawals,
        requestsHash: `0x${'22'.repeat(32)}`,
        uncles: [],
        transactions,
      },
      prestate: s.preState,
      blockHashes: s.block.blockHashes,
    };
    const opened = loadScenarioFromJson(JSON.parse(JSON.stringify(rpc)));
    expect(opened.chain.hardfork).toBe('prague'); // from mainnet's schedule
    expect(opened.transactions).toEqual(s.transactions.map(({ label: _, ...t }) => t)); // a block has no labels
    const r = await run(pool, opened, { strategy: 'block-stm', workers: 2, senders: 'recover' });
    expect(r.senders).toEqual(reference.senders);
    // This bundle's prestate happens to be the whole state: its state root can match too.
    const checks = compareWithHeader(r, opened.expected!, { preStateComplete: true });
    expect(checks.map((c) => c.name)).toContain('stateRoot');
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  }, 60_000);

  it('passes as a Prague blockchain test, through the conformance runner and the fixture loader', async () => {
    const report = emptyReport();
    const fixture = pragueFixture(block, stock, reference.senders);
    await runFixtureFile(fixture, 'prague.json', { strategies: ['sequential', 'block-stm', 'block-stm-deltas'], workers: 2 }, pool, report);
    expect(report).toMatchObject({ total: 1, passed: 1, failed: 0, skipped: 0 });
    // and is held to its header: a state root one bit off fails it
    const [test] = Object.values(fixture) as { blocks: { blockHeader: { stateRoot: string } }[] }[];
    test!.blocks[0]!.blockHeader.stateRoot = `${stock.stateRoot.slice(0, -1)}${stock.stateRoot.endsWith('0') ? '1' : '0'}`;
    const broken = emptyReport();
    await runFixtureFile(fixture, 'prague.json', { strategies: ['sequential'], workers: 1 }, pool, broken);
    expect(broken).toMatchObject({ total: 1, passed: 0, failed: 1 });
  }, 60_000);

  it('without the system contracts deployed, there are no system calls, as in stock ethereumjs', async () => {
    const bare = pragueBlock(false);
    const want = await stockRunSignedBlock(bare);
    const r = await run(pool, bare.scenario, { strategy: 'block-stm', workers: 2, senders: 'recover' });
    expect(r.stateRoot).toBe(want.stateRoot);
    expect(r.receiptsRoot).toBe(want.receiptsRoot);
    expect(r.stateRoot).not.toBe(stock.stateRoot);
  }, 60_000);
});

/** A random transaction over six keys: calls and transfers into (maybe delegated) accounts, set-code transactions with
 * one to three authorizations (some for another chain or with a stale nonce), request-queue and history reads. */
const txPlan: fc.Arbitrary<TxPlan> = fc
  .record({
    key: fc.integer({ min: 1, max: 6 }),
    kind: fc.constantFrom('call', 'transfer', 'setcode', 'setcode', 'withdrawal', 'reader'),
    target: fc.integer({ min: 1, max: 6 }),
    auths: fc.array(
      fc.record({
        key: fc.integer({ min: 1, max: 6 }),
        to: fc.constantFrom('counter', 'reader', 'zero'),
        nonceOffset: fc.constantFrom(0n, 0n, 0n, 1n, -1n),
        chainId: fc.constantFrom(1n, 1n, 0n, 5n),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ key, kind, target, auths }): TxPlan => {
    const to = targets.account(target);
    switch (kind) {
      case 'call': return { key, to };
      case 'transfer': return { key, to, value: 1000n };
      case 'withdrawal': return { key, to: targets.withdrawals, value: 1n, input: `0x${'ab'.repeat(48)}${'00'.repeat(7)}0${target}` };
      case 'reader': return { key, to: targets.reader };
      default: return { key, to, auths: auths.map((a) => ({ key: a.key, address: targets[a.to as 'counter' | 'reader' | 'zero'], nonceOffset: a.nonceOffset, chainId: a.chainId })) };
    }
  });

describe('random Prague blocks', () => {
  const others = STRATEGIES.filter((x) => x.name !== 'sequential').map((x) => x.name);

  it('sequential matches stock runBlock, and every strategy matches sequential', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(txPlan, { minLength: 1, maxLength: 12 }), fc.constantFrom(...others), fc.constantFrom(1, 2, 4), async (plans, strategy, workers) => {
        const b = buildPragueBlock(plans);
        const want = await stockRunSignedBlock(b);
        const seq = await run(pool, b.scenario, { strategy: 'sequential', workers: 1, senders: 'recover' });
        expect([seq.stateRoot, seq.receiptsRoot, seq.gasUsed, seq.logsBloom]).toEqual([want.stateRoot, want.receiptsRoot, want.gasUsed, want.logsBloom]);
        const r = await run(pool, b.scenario, { strategy, workers, senders: 'recover' });
        expectSameResult(r, seq, `${strategy}×${workers}`);
      }),
      { numRuns: 25, seed: 20261205 },
    );
  }, 300_000);
});
