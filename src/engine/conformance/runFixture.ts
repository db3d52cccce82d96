/**
 * One blockchain test against the engine, strategy by strategy: every block in order on the post-state of the valid
 * block before it. A valid block must reproduce its header — gas used, receipts root, logs bloom and the state root
 * (the pre-state is complete) — with the senders the fixture names. A block invalid on purpose (`expectException`)
 * must be refused: by the loader, or by the run at a transaction (the one the fixture marks, when it says which), or
 * for not fitting the block's gas limit; it then changes nothing and the chain goes on from the state before it.
 */
import { blockGasProblem, compareWithHeader } from '../contract.ts';
import { type RunOutput, runScenario } from '../run.ts';
import { RunError } from '../runtime/errors.ts';
import { type FixtureBlock, type FixtureTest, withPreState } from '../scenario/fixture.ts';
import type { PreState, Scenario } from '../scenario/types.ts';
import type { WorkerPool } from '../workers/pool.ts';

export interface ConformanceRunOptions {
  strategies: readonly string[];
  workers: number;
  signal?: AbortSignal;
}

/** What one strategy got wrong, one line a problem. */
export interface StrategyFailure {
  strategy: string;
  problems: string[];
}

export type TestOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'passed' }
  | { status: 'failed'; failures: StrategyFailure[] };

/** Runs `test` on every strategy of `opts` (one at a time, on `pool`). */
export async function runFixtureTest(test: FixtureTest, opts: ConformanceRunOptions, pool: WorkerPool): Promise<TestOutcome> {
  if (test.unsupported !== undefined) return { status: 'skipped', reason: test.unsupported };
  const failures: StrategyFailure[] = [];
  for (const strategy of opts.strategies) {
    const problems = await runChain(test, strategy, opts, pool);
    if (problems.length > 0) failures.push({ strategy, problems });
  }
  return failures.length === 0 ? { status: 'passed' } : { status: 'failed', failures };
}

/** The test's blocks in order on one strategy; stops at the first block that goes wrong. */
async function runChain(test: FixtureTest, strategy: string, opts: ConformanceRunOptions, pool: WorkerPool): Promise<string[]> {
  let pre = test.pre;
  for (const block of test.blocks) {
    const at = test.blocks.length > 1 ? `block ${block.index + 1}: ` : '';
    const outcome = block.expectException === undefined ? await validBlock(block, pre, strategy, opts, pool) : await invalidBlock(block, pre, strategy, opts, pool);
    if (typeof outcome !== 'object' || !('postState' in outcome)) {
      if (outcome.length > 0) return outcome.map((p) => at + p);
      continue; // refused as it should be: the state stays as it was
    }
    pre = outcome.postState;
  }
  return [];
}

async function validBlock(block: FixtureBlock, pre: PreState, strategy: string, opts: ConformanceRunOptions, pool: WorkerPool): Promise<string[] | { postState: PreState }> {
  const scenario = withPreState(block.scenario!, pre);
  const out = await attempt(scenario, strategy, opts, pool);
  if (out instanceof RunError) return [`refused a valid block: ${out.message}`];
  const { result, postState } = out;
  const problems = compareWithHeader(result, scenario.expected!, { preStateComplete: true }).filter((c) => !c.ok).map((c) => c.detail);
  const overLimit = blockGasProblem(scenario, result.receipts);
  if (overLimit !== undefined) problems.push(`not a valid block here: ${overLimit}`);
  scenario.transactions.forEach((tx, i) => {
    if (tx.from !== undefined && result.senders[i]?.toLowerCase() !== tx.from) problems.push(`transaction ${i}: recovered sender ${result.senders[i]}, the fixture says ${tx.from}`);
  });
  return problems.length > 0 ? problems : { postState: postState! };
}

async function invalidBlock(block: FixtureBlock, pre: PreState, strategy: string, opts: ConformanceRunOptions, pool: WorkerPool): Promise<string[]> {
  if (block.refused !== undefined) return []; // the loader refused it: nothing runs
  const scenario = withPreState(block.scenario!, pre);
  const out = await attempt(scenario, strategy, opts, pool);
  let refusedTx: number | undefined;
  if (out instanceof RunError) refusedTx = Number(/^transactions\[(\d+)\]/.exec(out.message)?.[1] ?? NaN);
  else {
    const overLimit = blockGasProblem(scenario, out.result.receipts);
    if (overLimit === undefined) return [`accepted a block that is invalid on purpose (${block.expectException})`];
    refusedTx = Number(/^transaction (\d+)/.exec(overLimit)?.[1] ?? NaN);
  }
  const marked = block.invalidTxs;
  if (marked !== undefined && !marked.includes(refusedTx)) {
    return [`refused transaction ${refusedTx}, but the fixture marks ${marked.length === 1 ? `transaction ${marked[0]}` : `transactions ${marked.join(', ')}`} invalid (${block.expectException})`];
  }
  return [];
}

/** A run that keeps its post-state; a transaction the engine refuses comes back as the `RunError`. */
async function attempt(scenario: Scenario, strategy: string, opts: ConformanceRunOptions, pool: WorkerPool): Promise<RunOutput | RunError> {
  // A signal of this run's own, let go when it ends: a run leaves its listener on the signal it is given, and a
  // conformance run makes tens of thousands of runs under one.
  const local = new AbortController();
  const stop = () => local.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await runScenario(scenario, { strategy, workers: opts.workers, signal: local.signal, keepTrace: false, keepPostState: true }, pool);
  } catch (error) {
    if (error instanceof RunError) return error;
    throw error;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}
