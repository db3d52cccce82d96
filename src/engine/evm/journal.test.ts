/**
 * One executor runs many transactions, some stopped midway (an ESTIMATE read). Nothing of a stopped execution may
 * reach the next one: before Berlin ethereumjs keeps the journal's `touched` accounts after an exception, and the next
 * `runTx` begins by reading them (EIP-161 cleanup) — a stray read, a stop on a stranger's ESTIMATE.
 */
import { describe, expect, it } from 'vitest';
import { ethTransfers } from '../../workloads/bench.ts';
import type { Scenario } from '../scenario/types.ts';
import { baseStateOf } from '../state/baseState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import { TxExecutor } from './executor.ts';
import { accountKey } from './keys.ts';

const addressKey = (address: string) => accountKey(address.slice(2).toLowerCase());

/** A contract that reads one account's balance: `PUSH20 watched BALANCE STOP`. */
const WATCHER = '0x00000000000000000000000000000000000bbbbb';
const WATCHED = '0x00000000000000000000000000000000000ccccc';

/** Three transfers as legacy transactions under `hardfork`; the second calls the watcher instead (a nested frame). */
function block(hardfork: string): Scenario {
  const s = ethTransfers(3, { seed: 3 });
  const txs = s.transactions.map(({ maxFeePerGas, maxPriorityFeePerGas: _tip, ...t }, i) => ({
    ...t, type: 0 as const, gasPrice: maxFeePerGas, ...(i === 1 ? { to: WATCHER as Scenario['transactions'][0]['to'], value: '0x0' as const, gas: '0x186a0' as const } : {}),
  }));
  const preState = { ...s.preState, [WATCHER]: { balance: '0x0', nonce: '0x1', code: `0x73${WATCHED.slice(2)}3100` }, [WATCHED]: { balance: '0x1', nonce: '0x0' } };
  return { ...s, preState, block: { ...s.block, hardfork }, transactions: txs } as Scenario;
}

describe('an execution stopped on an ESTIMATE', () => {
  for (const hardfork of ['muirGlacier', 'berlin', 'cancun']) {
    it(`leaves nothing behind for the next transaction on the same executor (${hardfork})`, async () => {
      const s = block(hardfork);
      const base = baseStateOf(s);
      const executor = await TxExecutor.create(s, base);
      const memory = new MultiVersionMemory(base);
      const [, t1, t2] = s.transactions;
      // tx 0 wrote the watched account and is being re-executed: tx 1 pays its fee, enters the watcher, and stops
      // at the BALANCE, inside the call's frame.
      const watched = addressKey(WATCHED);
      memory.record({ tx: 0, incarnation: 0, writes: [[watched, null]], deltas: [] });
      memory.markEstimate(0, 0);
      const stopped = await executor.execute(1, t1.from!, memory.readerFor(1));
      expect(stopped).toMatchObject({ kind: 'blocked', key: watched, blockingTx: 0 });

      // Whatever the stop left in the VM's journal (what ethereumjs leaves depends on where the exception unwound:
      // block 12,159,808 left senders of earlier transactions there), as the journal holds it.
      const journal = (executor as unknown as { vm: { evm: { journal: { touchAccount(a: string): void } } } }).vm.evm.journal;
      journal.touchAccount(t1.from!.slice(2).toLowerCase());
      journal.touchAccount(WATCHER.slice(2));

      const next = await executor.execute(2, t2.from!, memory.readerFor(2));
      expect(next.kind).toBe('done');
      const read = new Set(next.kind === 'done' ? next.reads.map(([k]) => k) : []);
      expect(read.has(addressKey(t1.from!)), 'reads tx 1’s sender').toBe(false);
      expect(read.has(addressKey(WATCHER)), 'reads the contract tx 1 called').toBe(false);
      expect(read.has(addressKey(t2.from!))).toBe(true);
    });
  }
});
