/** Test helpers: one Node worker pool per test file, and the comparison every strategy must pass. */
import { expect } from 'vitest';
import type { Result } from '../result.ts';
import { type RunOptions, runScenario } from '../run.ts';
import type { Scenario } from '../scenario/types.ts';
import { createNodePool } from '../workers/nodePool.ts';
import type { WorkerPool } from '../workers/pool.ts';

export function testPool(size: number): WorkerPool {
  return createNodePool(size);
}

export async function run(pool: WorkerPool, scenario: Scenario, opts: RunOptions): Promise<Result> {
  return (await runScenario(scenario, opts, pool)).result;
}

/** The correctness contract: same state root, receipts (status, gas, cumulative gas, logs) and logs bloom. */
export function expectSameResult(actual: Result, reference: Result, label = ''): void {
  expect(actual.txCount, `${label} txCount`).toBe(reference.txCount);
  for (let i = 0; i < reference.receipts.length; i++) {
    const a = actual.receipts[i];
    const r = reference.receipts[i];
    expect({ status: a.status, gasUsed: a.gasUsed, cumulativeGasUsed: a.cumulativeGasUsed, logs: a.logs }, `${label} receipt ${i}`).toEqual({
      status: r.status,
      gasUsed: r.gasUsed,
      cumulativeGasUsed: r.cumulativeGasUsed,
      logs: r.logs,
    });
  }
  expect(actual.gasUsed, `${label} gasUsed`).toBe(reference.gasUsed);
  expect(actual.logsBloom, `${label} logsBloom`).toBe(reference.logsBloom);
  expect(actual.receiptsRoot, `${label} receiptsRoot`).toBe(reference.receiptsRoot);
  expect(actual.stateRoot, `${label} stateRoot`).toBe(reference.stateRoot);
}
