import { describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.ts';
import { checkLabel, headerChecks, verifyChecks } from './checks.ts';

const ROOT_A = `0x${'a'.repeat(64)}` as const;
const ROOT_B = `0x${'b'.repeat(64)}` as const;
const BLOOM = `0x${'0'.repeat(512)}` as const;

function result(over: Partial<Result>): Result {
  return {
    strategy: 'block-stm', workers: 2, txCount: 1, gasUsed: '0x5208', stateRoot: ROOT_A, receiptsRoot: ROOT_A, logsBloom: BLOOM,
    receipts: [{ status: 1, gasUsed: '0x5208', cumulativeGasUsed: '0x5208', logs: [] }], senders: [],
    stats: { wallMs: 1, rootMs: 1, recoverMs: 0, executions: 1, reexecutions: 0, validations: 1, aborts: 0, abortsByKey: {}, workerBusyMs: [1, 0], workerRestarts: 0 } as Result['stats'],
    ...over,
  };
}

const slug = (s: string) => s.replace(/\s+/g, '-');

describe('checks', () => {
  it('Verify checks the whole contract: roots, logs bloom, gas, tx count and every receipt', () => {
    const ok = verifyChecks(result({}), result({ strategy: 'sequential' }));
    expect(ok.map((c) => [checkLabel(c), c.ok])).toEqual([
      ['state root', true], ['receipts root', true], ['logs bloom', true], ['gas used', true], ['transactions', true], ['receipts', true],
    ]);
    // The test ids the page (and the e2e tests) use.
    expect(ok.slice(0, 2).map((c) => `verify-${slug(checkLabel(c))}`)).toEqual(['verify-state-root', 'verify-receipts-root']);
  });

  it('Verify reports a different logs bloom and a different receipt, with a readable detail', () => {
    const bloom = `0x1${'0'.repeat(511)}` as const;
    const bad = verifyChecks(result({ logsBloom: bloom, receipts: [{ status: 0, gasUsed: '0x5208', cumulativeGasUsed: '0x5208', logs: [] }] }), result({ strategy: 'sequential' }));
    expect(bad.filter((c) => !c.ok).map(checkLabel)).toEqual(['logs bloom', 'receipts']);
    expect(bad.find((c) => c.name === 'receipts')?.detail).toMatch(/^receipt 0: status 0 ≠ 1 \(sequential\)/);
  });

  it('the header checks compare gas used as a number, receipts root and logs bloom, never the (partial) state root', () => {
    const checks = headerChecks(result({ gasUsed: '0x5208' }), { gasUsed: '0x05208', receiptsRoot: ROOT_A, logsBloom: BLOOM, stateRoot: ROOT_B });
    expect(checks.map((c) => [checkLabel(c), c.ok])).toEqual([['gas used', true], ['receipts root', true], ['logs bloom', true]]);
    expect(checks.map((c) => `header-${slug(checkLabel(c))}`)).toEqual(['header-gas-used', 'header-receipts-root', 'header-logs-bloom']);
    expect(headerChecks(result({ gasUsed: '0x5209' }), { gasUsed: '0x5208', receiptsRoot: ROOT_A, logsBloom: BLOOM })[0]).toMatchObject({
      ok: false, expected: '0x5208', actual: '0x5209',
    });
  });
});
