import { describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.ts';
import { compareWithHeader, compareWithReference } from './checks.ts';

const ROOT_A = `0x${'a'.repeat(64)}` as const;
const ROOT_B = `0x${'b'.repeat(64)}` as const;
const BLOOM = `0x${'0'.repeat(512)}` as const;

function result(over: Partial<Result>): Result {
  return {
    strategy: 'block-stm', workers: 2, txCount: 1, gasUsed: '0x5208', stateRoot: ROOT_A, receiptsRoot: ROOT_A, logsBloom: BLOOM,
    receipts: [], senders: [],
    stats: { wallMs: 1, rootMs: 1, recoverMs: 0, executions: 1, reexecutions: 0, validations: 1, aborts: 0, abortsByKey: {}, workerBusyMs: [1, 0], workerRestarts: 0 },
    ...over,
  };
}

describe('checks', () => {
  it('compareWithReference passes equal roots and reports which root differs', () => {
    const ok = compareWithReference(result({}), result({ strategy: 'sequential' }));
    expect([ok.stateRoot.ok, ok.receiptsRoot.ok]).toEqual([true, true]);
    const bad = compareWithReference(result({ stateRoot: ROOT_B }), result({}));
    expect(bad.stateRoot).toMatchObject({ ok: false, expected: ROOT_A, actual: ROOT_B });
    expect(bad.receiptsRoot.ok).toBe(true);
  });

  it('compareWithHeader compares gas used as a number, receipts root and logs bloom', () => {
    const checks = compareWithHeader(result({ gasUsed: '0x5208' }), { gasUsed: '0x5208', receiptsRoot: ROOT_A, logsBloom: BLOOM, stateRoot: ROOT_B });
    expect(checks.map((c) => [c.label, c.ok])).toEqual([['gas used', true], ['receipts root', true], ['logs bloom', true]]);
    expect(compareWithHeader(result({ gasUsed: '0x5209' }), { gasUsed: '0x5208', receiptsRoot: ROOT_A, logsBloom: BLOOM })[0]).toMatchObject({
      ok: false, expected: '21000', actual: '21001',
    });
  });
});
