import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithHeader } from '../contract.ts';
import { runScenario } from '../run.ts';
import { testPool } from '../testing/harness.ts';
import { rpcDumpFromBundle } from '../testing/rpcDump.ts';
import { bundleToScenario, isBundle } from './bundle.ts';
import { ScenarioError } from './errors.ts';
import { isFixtureFile } from './fixture.ts';
import { loadRpcDumpFiles, loadScenarioFile } from './loadFile.node.ts';
import { RPC_DUMP_CREDIT, isPrestateTrace, isRpcBlock, mergePrestates, rpcDumpToScenario } from './rpcDump.ts';

const DATA = new URL('../../../../shared/data/mainnet/', import.meta.url);
const readBundle = (n: number): any => JSON.parse(readFileSync(new URL(`${n}.json`, DATA), 'utf8'));
const clone = <T>(x: T): T => structuredClone(x);

/** The message `fn` throws (a ScenarioError), or a failure. */
function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('rpcDumpToScenario', () => {
  describe.each([19426587, 15537394])('mainnet block %i, rebuilt as a node dump', (number) => {
    const bundle = readBundle(number);
    const fromBundle = bundleToScenario(bundle);
    const { description: _d, ...expected } = fromBundle;

    it('converts to the bundle’s scenario (the merged pre-state is the bundle’s: first occurrence wins)', () => {
      const dump = rpcDumpFromBundle(bundle);
      const { description, ...scenario } = rpcDumpToScenario(dump.block, dump.trace);
      expect(scenario).toStrictEqual(expected);
      expect(description).toContain(RPC_DUMP_CREDIT);
    });

    it('takes bare results too, and traces that name no transaction', () => {
      const dump = rpcDumpFromBundle(bundle, { withHashes: false });
      const { description: _, ...scenario } = rpcDumpToScenario(dump.block.result, dump.trace.result);
      expect(scenario).toStrictEqual(expected);
    });

    it('is told apart from bundles, fixtures and each other', () => {
      const dump = rpcDumpFromBundle(bundle);
      expect([isRpcBlock(dump.block), isRpcBlock(dump.block.result), isPrestateTrace(dump.trace), isPrestateTrace(dump.trace.result)]).toEqual([true, true, true, true]);
      expect([isRpcBlock(dump.trace), isPrestateTrace(dump.block), isRpcBlock(bundle), isPrestateTrace(bundle)]).toEqual([false, false, false, false]);
      expect([isBundle(dump.block), isBundle(dump.block.result), isFixtureFile(dump.block), isBundle(dump.trace)]).toEqual([false, false, false, false]);
      expect(isRpcBlock(fromBundle)).toBe(false);
    });
  });

  it('loads from two files (the CLI\'s run BLOCK --prestate TRACE), and one half alone says which half is missing', async () => {
    const bundle = readBundle(19426587);
    const dump = rpcDumpFromBundle(bundle);
    const dir = mkdtempSync(join(tmpdir(), 'parallax-rpc-'));
    writeFileSync(join(dir, 'block.json'), JSON.stringify(dump.block));
    writeFileSync(join(dir, 'trace.json'), JSON.stringify(dump.trace));
    const { description: _, ...scenario } = await loadRpcDumpFiles(join(dir, 'block.json'), join(dir, 'trace.json'));
    const { description: _d, ...expected } = bundleToScenario(bundle);
    expect(scenario).toStrictEqual(expected);
    await expect(loadScenarioFile(join(dir, 'block.json'))).rejects.toThrow(/^block\.json: is an eth_getBlockByNumber answer, whose pre-state is missing/);
    await expect(loadScenarioFile(join(dir, 'trace.json'))).rejects.toThrow(/^trace\.json: is a debug_traceBlockByNumber answer, whose block is missing/);
    await expect(loadRpcDumpFiles(join(dir, 'block.json'), join(dir, 'nope.json'))).rejects.toThrow(/^nope\.json: cannot read .*: no such file/);
  });

  const pool = testPool(1);
  afterAll(() => pool.dispose());

  it('replays block 19,426,587 from the dump to the header’s gas used, receipts root and logs bloom', async () => {
    const dump = rpcDumpFromBundle(readBundle(19426587));
    const scenario = rpcDumpToScenario(dump.block, dump.trace, { trustFrom: true });
    const { result } = await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
    expect(compareWithHeader(result, scenario.expected!).filter((c) => !c.ok)).toEqual([]);
    expect(result.receipts).toHaveLength(37);
  }, 60_000);

  describe('says what is wrong, and where', () => {
    const bundle = readBundle(19426587);
    const dump = () => clone(rpcDumpFromBundle(bundle));

    it('a trace of another length', () => {
      const d = dump();
      d.trace.result.pop();
      expect(problem(() => rpcDumpToScenario(d.block, d.trace, { traceSource: 'trace.json' }))).toBe(
        'trace.json: result: has 36 transaction traces, but the block has 37 transactions: is it the trace of the same block?',
      );
    });

    it('a trace of other transactions', () => {
      const d = dump();
      [d.trace.result[3], d.trace.result[4]] = [d.trace.result[4]!, d.trace.result[3]!];
      expect(problem(() => rpcDumpToScenario(d.block, d.trace))).toMatch(/^result\[3\]\.txHash: is "0x[0-9a-f]{64}", but the block's transaction 3 is "0x[0-9a-f]{64}": the trace is of another block/);
    });

    it('a transaction the node could not trace', () => {
      const d = dump();
      d.trace.result[2] = { txHash: d.trace.result[2]!.txHash, error: 'execution timeout' } as never;
      expect(problem(() => rpcDumpToScenario(d.block, d.trace))).toBe('result[2].error: the node could not trace this transaction: "execution timeout"');
    });

    it('the wrong tracer, or diffMode', () => {
      const d = dump();
      d.trace.result[0]!.result = { pre: {}, post: {} };
      expect(problem(() => rpcDumpToScenario(d.block, d.trace))).toMatch(/^result\[0\]\.result: is prestateTracer output in diffMode/);
      d.trace.result[0]!.result = { type: 'CALL', from: '0x00', to: '0x00', calls: [] };
      expect(problem(() => rpcDumpToScenario(d.block, d.trace))).toMatch(/^result\[0\]\.result: is not prestateTracer output .*trace with \{tracer: "prestateTracer"\}/);
    });

    it('a bad value in the trace, at the entry it is first seen in', () => {
      const d = dump();
      // The sixth account of the bundle is first seen in the sixth entry (rpcDumpFromBundle), spelled in capitals.
      const sixth = Object.keys(bundle.prestate)[5]!;
      const [address, account] = Object.entries(d.trace.result[5]!.result).find(([a]) => a.toLowerCase() === sixth)! as [string, Record<string, unknown>];
      expect(address).not.toBe(sixth);
      account['balance'] = '0xzz';
      expect(problem(() => rpcDumpToScenario(d.block, d.trace))).toBe(`result[5].result["${address}"].balance: expected a hex quantity, got "0xzz"`);
    });

    it('a bad field in the block, in the block file’s terms', () => {
      const d = dump();
      (d.block.result as any).transactions[3].gas = '0xzz';
      expect(problem(() => rpcDumpToScenario(d.block, d.trace, { blockSource: 'block.json' }))).toBe('block.json: result.transactions[3].gas: expected a hex quantity, got "0xzz"');
      expect(problem(() => rpcDumpToScenario(d.block.result, d.trace))).toBe('transactions[3].gas: expected a hex quantity, got "0xzz"');
    });

    it('an error answer, a missing block, halves swapped', () => {
      const d = dump();
      expect(problem(() => rpcDumpToScenario({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'header not found' } }, d.trace)))
        .toBe('error: the node answered with an error, not a block: header not found');
      expect(problem(() => rpcDumpToScenario({ jsonrpc: '2.0', id: 1, result: null }, d.trace))).toBe('result: is null: the node does not have this block');
      expect(problem(() => rpcDumpToScenario(d.trace, d.block))).toMatch(/^result: expected a block as eth_getBlockByNumber\(n, true\) returns it/);
    });
  });
});

describe('mergePrestates', () => {
  const slot = fc.integer({ min: 0, max: 5 }).map((i) => `0x${i.toString(16).padStart(64, '0')}`);
  const address = fc.integer({ min: 1, max: 6 }).map((i) => `0x${i.toString(16).padStart(40, '0')}`);
  const value = fc.bigInt({ min: 0n, max: 1000n }).map((v) => `0x${v.toString(16)}`);
  const account = fc.record({ balance: value, storage: fc.dictionary(slot, value, { maxKeys: 3 }) });
  const entries = fc.array(fc.dictionary(address, account, { maxKeys: 4 }), { maxLength: 6 });

  it('keeps the first occurrence of every account’s fields and of every slot', () => {
    fc.assert(
      fc.property(entries, (results) => {
        const { prestate } = mergePrestates(results.map((result) => ({ result })));
        // The reference: walk the entries in order, keep what is not known yet.
        const want: Record<string, { balance: string; storage: Record<string, string> }> = {};
        for (const r of results) {
          for (const [a, acc] of Object.entries(r)) {
            want[a] ??= { balance: acc.balance, storage: {} };
            for (const [s, v] of Object.entries(acc.storage)) want[a].storage[s] ??= v;
          }
        }
        expect(Object.keys(prestate).sort()).toEqual(Object.keys(want).sort());
        for (const [a, acc] of Object.entries(want)) {
          expect(prestate[a]!['balance']).toBe(acc.balance);
          expect({ ...(prestate[a]!['storage'] as object) }).toEqual(Object.keys(acc.storage).length ? acc.storage : {});
        }
      }),
    );
  });

  it('compares addresses and slots after normalising them', () => {
    const { prestate } = mergePrestates([
      { result: { '0x00000000000000000000000000000000000000AB': { balance: '0x1', storage: { '0x1': '0x5' } } } },
      { result: { '0x00000000000000000000000000000000000000ab': { balance: '0x2', storage: { [`0x${'1'.padStart(64, '0')}`]: '0x6', '0x2': '0x7' } } } },
    ]);
    expect(Object.keys(prestate)).toEqual(['0x00000000000000000000000000000000000000ab']);
    const account = prestate['0x00000000000000000000000000000000000000ab']!;
    expect(account['balance']).toBe('0x1');
    expect({ ...(account['storage'] as object) }).toEqual({ [`0x${'1'.padStart(64, '0')}`]: '0x5', [`0x${'2'.padStart(64, '0')}`]: '0x7' });
  });
});
