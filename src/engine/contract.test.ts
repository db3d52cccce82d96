import { describe, expect, it } from 'vitest';
import { type Check, compareResults, compareWithHeader, HEADER } from './contract.ts';
import type { Log, Receipt, Result } from './result.ts';
import type { ExpectedHeader } from './scenario/types.ts';

const ROOT_A = `0x${'a'.repeat(64)}` as const;
const ROOT_B = `0x${'b'.repeat(64)}` as const;
const ROOT_C = `0x${'c'.repeat(64)}` as const;
const BLOOM = `0x${'0'.repeat(512)}` as const;
const BLOOM_1 = `0x${'0'.repeat(511)}1` as const;
const TRANSFER = `0xddf252ad${'0'.repeat(56)}` as const;

const log = (over: Partial<Log> = {}): Log => ({ address: `0x${'7'.repeat(40)}`, topics: [TRANSFER], data: '0x01', ...over });

/** `n` receipts of 21,000 gas each, the third with one log. */
function receipts(n: number): Receipt[] {
  return Array.from({ length: n }, (_, i) => ({
    status: 1,
    gasUsed: '0x5208',
    cumulativeGasUsed: `0x${(21000 * (i + 1)).toString(16)}`,
    logs: i === 2 ? [log()] : [],
  }));
}

function result(over: Partial<Result> = {}): Result {
  const rs = over.receipts ?? receipts(40);
  return {
    strategy: 'block-stm',
    workers: 4,
    txCount: rs.length,
    gasUsed: `0x${(21000 * rs.length).toString(16)}`,
    stateRoot: ROOT_A,
    receiptsRoot: ROOT_B,
    logsBloom: BLOOM,
    receipts: rs,
    senders: [],
    stats: { wallMs: 1, rootMs: 1, recoverMs: 0, executions: 1, reexecutions: 0, validations: 0, aborts: 0, abortsByKey: {}, workerBusyMs: [1], workerRestarts: 0 } as Result['stats'],
    ...over,
  };
}

const sequential = (over: Partial<Result> = {}): Result => result({ strategy: 'sequential', workers: 1, ...over });

/** `receipts` with receipt `i` changed. */
function withReceipt(i: number, change: Partial<Receipt>, base = receipts(40)): Receipt[] {
  return base.map((r, k) => (k === i ? { ...r, ...change } : r));
}

const failed = (checks: Check[]) => checks.filter((c) => !c.ok);
const byName = (checks: Check[], name: Check['name']) => checks.find((c) => c.name === name)!;

describe('compareResults', () => {
  it('passes an equal result, with one check per part of the contract', () => {
    const checks = compareResults(result(), sequential());
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['stateRoot', true], ['receiptsRoot', true], ['logsBloom', true], ['gasUsed', true], ['txCount', true], ['receipts', true],
    ]);
    expect(checks.every((c) => c.against === 'sequential')).toBe(true);
    expect(byName(checks, 'receipts')).toMatchObject({ detail: 'receipts: all 40 same as sequential', receipts: { compared: 40, differing: 0 } });
  });

  it('names each differing root, the bloom and the gas, the run first and the reference second', () => {
    const checks = compareResults(result({ stateRoot: ROOT_C, receiptsRoot: ROOT_C, logsBloom: BLOOM_1, gasUsed: '0x1' }), sequential());
    expect(failed(checks).map((c) => c.name)).toEqual(['stateRoot', 'receiptsRoot', 'logsBloom', 'gasUsed']);
    expect(byName(checks, 'stateRoot')).toMatchObject({ expected: ROOT_A, actual: ROOT_C, detail: `stateRoot ${ROOT_C} ≠ ${ROOT_A} (sequential)` });
    expect(byName(checks, 'logsBloom').detail).toBe('logsBloom 0x00000000…00000001 ≠ 0x00000000…00000000 (sequential)');
    expect(byName(checks, 'gasUsed').detail).toBe('gasUsed 0x1 ≠ 0xcd140 (sequential)');
  });

  it('argument order: the first argument is the run, the second the reference', () => {
    const [stateRoot] = compareResults(result({ stateRoot: ROOT_C }), sequential());
    expect(stateRoot).toMatchObject({ against: 'sequential', expected: ROOT_A, actual: ROOT_C });
    const [swapped] = compareResults(sequential(), result({ stateRoot: ROOT_C }));
    expect(swapped).toMatchObject({ against: 'block-stm', expected: ROOT_C, actual: ROOT_A });
  });

  it('compares hex without regard to case and quantities as numbers', () => {
    expect(failed(compareResults(result({ stateRoot: ROOT_A.toUpperCase().replace('0X', '0x') as Result['stateRoot'], gasUsed: '0x0cd140' }), sequential()))).toEqual([]);
  });

  it('detects a different transaction count', () => {
    const checks = compareResults(result({ txCount: 39 }), sequential());
    expect(failed(checks).map((c) => c.detail)).toEqual(['txCount 39 ≠ 40 (sequential)']);
  });

  it('names the first differing receipt and field, and how many receipts differ, in one check', () => {
    let rs = withReceipt(17, { gasUsed: '0x5209' });
    rs = withReceipt(30, { status: 0 }, rs);
    rs = withReceipt(35, { cumulativeGasUsed: '0x1' }, rs);
    const checks = compareResults(result({ receipts: rs }), sequential());
    expect(failed(checks)).toHaveLength(1);
    expect(byName(checks, 'receipts')).toMatchObject({
      ok: false,
      detail: 'receipt 17: gasUsed 0x5209 ≠ 0x5208 (sequential); 3 of 40 receipts differ',
      expected: '0x5208',
      actual: '0x5209',
      receipts: { compared: 40, differing: 3, first: { index: 17, field: 'gasUsed' } },
    });
  });

  it('detects every receipt field of the contract', () => {
    const cases: [Partial<Receipt>, string, string][] = [
      [{ status: 0 }, 'status', 'receipt 2: status 0 ≠ 1'],
      [{ gasUsed: '0x1' }, 'gasUsed', 'receipt 2: gasUsed 0x1 ≠ 0x5208'],
      [{ cumulativeGasUsed: '0x1' }, 'cumulativeGasUsed', 'receipt 2: cumulativeGasUsed 0x1 ≠ 0xf618'],
      [{ logs: [] }, 'logs', 'receipt 2: logs 0 ≠ 1'],
      [{ logs: [log({ address: `0x${'8'.repeat(40)}` })] }, 'logs[0].address', `receipt 2: logs[0].address 0x${'8'.repeat(40)} ≠ 0x${'7'.repeat(40)}`],
      [{ logs: [log({ topics: [] })] }, 'logs[0].topics', 'receipt 2: logs[0].topics [] ≠ ['],
      [{ logs: [log({ data: '0x02' })] }, 'logs[0].data', 'receipt 2: logs[0].data 0x02 ≠ 0x01'],
      [{ contractAddress: `0x${'9'.repeat(40)}` }, 'contractAddress', `receipt 2: contractAddress 0x${'9'.repeat(40)} ≠ none`],
    ];
    for (const [change, field, detail] of cases) {
      const c = byName(compareResults(result({ receipts: withReceipt(2, change) }), sequential()), 'receipts');
      expect(c.ok, field).toBe(false);
      expect(c.receipts?.first, field).toEqual({ index: 2, field });
      expect(c.detail.startsWith(detail), `${field}: ${c.detail}`).toBe(true);
    }
    // What the contract leaves out: the failure's reason.
    expect(byName(compareResults(result({ receipts: withReceipt(2, { error: 'revert' }) }), sequential()), 'receipts').ok).toBe(true);
  });

  it('counts a missing or extra receipt as a difference', () => {
    const short = byName(compareResults(result({ receipts: receipts(39), txCount: 40 }), sequential()), 'receipts');
    expect(short).toMatchObject({ ok: false, expected: 'a receipt', actual: 'none', receipts: { compared: 40, differing: 1, first: { index: 39, field: 'receipt' } } });
    const long = byName(compareResults(result({ receipts: receipts(41), txCount: 40 }), sequential()), 'receipts');
    expect(long.detail).toBe('receipt 40: a receipt ≠ none (sequential); 1 of 41 receipts differ');
  });
});

describe('compareWithHeader', () => {
  const header = (over: Partial<ExpectedHeader> = {}): ExpectedHeader => ({ gasUsed: '0xcd140', receiptsRoot: ROOT_B, logsBloom: BLOOM, stateRoot: ROOT_C, ...over });

  it('checks gas used, receipts root and logs bloom, the run first and the header second', () => {
    const checks = compareWithHeader(result(), header());
    expect(checks.map((c) => [c.name, c.ok, c.against])).toEqual([['gasUsed', true, HEADER], ['receiptsRoot', true, HEADER], ['logsBloom', true, HEADER]]);
    const bad = compareWithHeader(result({ receiptsRoot: ROOT_A }), header());
    expect(bad[1]).toMatchObject({ ok: false, expected: ROOT_B, actual: ROOT_A, detail: `receiptsRoot ${ROOT_A} ≠ ${ROOT_B} (header)` });
  });

  it('compares gas used as a number', () => {
    expect(compareWithHeader(result(), header({ gasUsed: '0x000cd140' }))[0]).toMatchObject({ ok: true, expected: '0xcd140', actual: '0xcd140' });
    expect(compareWithHeader(result(), header({ gasUsed: '0xCD140' as ExpectedHeader['gasUsed'] }))[0].ok).toBe(true);
    expect(compareWithHeader(result(), header({ gasUsed: '0xcd141' }))[0]).toMatchObject({ ok: false, detail: 'gasUsed 0xcd140 ≠ 0xcd141 (header)' });
  });

  it('checks the state root only when the header has one and the pre-state is complete', () => {
    expect(compareWithHeader(result(), header()).some((c) => c.name === 'stateRoot')).toBe(false);
    expect(compareWithHeader(result(), header({ stateRoot: undefined }), { preStateComplete: true }).some((c) => c.name === 'stateRoot')).toBe(false);
    const full = compareWithHeader(result(), header(), { preStateComplete: true });
    expect(full.at(-1)).toMatchObject({ name: 'stateRoot', ok: false, expected: ROOT_C, actual: ROOT_A });
    expect(compareWithHeader(result({ stateRoot: ROOT_C }), header(), { preStateComplete: true }).every((c) => c.ok)).toBe(true);
  });
});
