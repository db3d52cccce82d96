/**
 * Prague's system calls after the last transaction: the withdrawal-request (EIP-7002) and consolidation-request
 * (EIP-7251) contracts take the block's requests off their queues and update their fees. Unlike the calls before the
 * first transaction (`state/baseState.ts`, two storage writes each), these run the contracts' code, so they run on a
 * real EVM over the committed state, in ethereumjs's order: after withdrawals and rewards, withdrawals first.
 */
import { forkAtLeast } from '../scenario/hardforks.ts';
import type { Hex, Scenario } from '../scenario/types.ts';
import type { StateReader, WriteSet, PreStateIndex } from './stateView.ts';
import { accountKey } from './keys.ts';
import type { TxExecutor } from './executor.ts';

/** The request contracts, in the order ethereumjs calls them. */
export const REQUEST_CONTRACTS: readonly Hex[] = ['0x00000961ef480eb55e80d19ad83579a64c007002', '0x0000bbddc7ce488642fb579f8b00f3a590007251'];

/** One executor per scenario on this thread (a VM takes tens of milliseconds to create; a block runs many times). */
const executors = new WeakMap<Scenario, Promise<TxExecutor>>();

/**
 * Runs the calls on `state` and applies what they write. Nothing happens before Prague, or when neither contract has
 * an account (ethereumjs skips the call then; a chain without them deployed, or a bundle whose prestate trace did not
 * record them).
 */
export async function applyRequestCalls(scenario: Scenario, state: StateReader & { apply(w: WriteSet): void }, pre: PreStateIndex): Promise<void> {
  if (!forkAtLeast(scenario.chain.hardfork, 'prague')) return;
  const present = REQUEST_CONTRACTS.filter((c) => state.read(accountKey(c.slice(2))) !== null);
  if (present.length === 0) return;
  let executor = executors.get(scenario);
  if (executor === undefined) {
    // Loaded only here: a page that never runs a Prague block does not load the VM on its coordinator.
    executor = import('./executor.ts').then(({ TxExecutor }) => TxExecutor.create(scenario, pre));
    executors.set(scenario, executor);
  }
  const ex = await executor;
  for (const contract of present) {
    const writes = await ex.systemCall(contract, state);
    if (writes !== undefined) state.apply(writes);
  }
  ex.release();
}
