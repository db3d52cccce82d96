/** Test helpers: one Node worker pool per test file, and the comparison every strategy must pass. */
import { expect } from 'vitest';
import { compareResults } from '../contract.ts';
import type { Result } from '../result.ts';
import { type RunOptions, runScenario } from '../run.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Trace } from '../trace/events.ts';
import { createNodePool } from '../workers/nodePool.ts';
import { checkTrace } from './traceCheck.ts';
import type { WorkerPool } from '../workers/pool.ts';
export type { WorkerPool };

export function testPool(size: number): WorkerPool {
  return createNodePool(size);
}

/** One run, its trace checked (`traceCheck.ts`) whatever the test asserts next. */
export async function run(pool: WorkerPool, scenario: Scenario, opts: RunOptions): Promise<Result> {
  const { result, trace } = await runScenario(scenario, opts, pool);
  expectSoundTrace(trace, result, `${result.strategy}×${result.workers}`);
  return result;
}

export function expectSoundTrace(trace: Trace, result: Result, label = ''): void {
  expect(checkTrace(trace, result), `${label}: the trace breaks its rules`).toEqual([]);
}

/** The correctness contract (`../contract.ts`) as an assertion: every check of `actual` against `reference` holds. */
export function expectSameResult(actual: Result, reference: Result, label = ''): void {
  const failed = compareResults(actual, reference).filter((c) => !c.ok).map((c) => c.detail);
  const message = `${label ? `${label}: ` : ''}${failed.length} check(s) differ from ${reference.strategy}:\n  ${failed.join('\n  ')}`;
  expect(failed, message).toEqual([]);
}
