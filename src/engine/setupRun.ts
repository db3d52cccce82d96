/**
 * Runs a workload's deployment and setup calls through the engine's own executor (the `TxExecutor` every worker
 * uses, over a `CommittedState`), one after another, and returns the committed state as a `PreState`. The block
 * the user studies then starts from that state: its transactions are only the workload, so the deployment (which
 * every call would depend on) does not blur the picture. In-process and in order: setups are small.
 *
 * The contract editor's builder asks for it through the coordinator worker (`EngineApi.runSetup`), like a run, so
 * the page never executes the EVM.
 */
import { TxExecutor } from './evm/executor.ts';
import { toPreState } from './postState.ts';
import type { Address, PreState, Scenario } from './scenario/types.ts';
import { BaseState } from './state/baseState.ts';
import { CommittedState } from './state/committedState.ts';

export interface SetupOutcome {
  /** One per transaction: undefined when it succeeded, else why it failed (`revert: …`, `out of gas`, invalid). */
  failures: (string | undefined)[];
  /** Address each creation made. */
  created: (Address | undefined)[];
  preState: PreState;
}

/** Executes `scenario`'s transactions in order and turns the committed state into a pre-state. */
export async function runSetup(scenario: Scenario): Promise<SetupOutcome> {
  const base = new BaseState(scenario);
  const state = new CommittedState(base);
  const executor = await TxExecutor.create(scenario, base);
  const failures: (string | undefined)[] = [];
  const created: (Address | undefined)[] = [];
  for (let i = 0; i < scenario.transactions.length; i++) {
    const o = await executor.execute(i, scenario.transactions[i]!.from!, state);
    if (o.kind === 'invalid') {
      failures.push(`not valid: ${o.message}`);
      created.push(undefined);
      continue; // an invalid transaction changes nothing
    }
    if (o.kind !== 'done') throw new Error(`setup transaction ${i} read a value under re-execution, which a sequential run never does`);
    state.apply(o.writeSet);
    failures.push(o.status === 1 ? undefined : (o.error ?? 'failed'));
    created.push(o.contractAddress?.toLowerCase() as Address | undefined);
  }
  return { failures, created, preState: toPreState(state) };
}
