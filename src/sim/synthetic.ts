/**
 * Synthetic workloads for questions no browser can run: blocks of any size whose access sets are known without
 * executing anything. `p2pTransfers` is the shape of Block-STM's published benchmark (Gelashvili et al., PPoPP 2023:
 * peer-to-peer transfers between a chosen number of accounts — few accounts, much contention): each transaction
 * reads and writes its sender's and its recipient's accounts, drawn uniformly from `accounts` accounts.
 */
import { accountKey } from '../engine/evm/keys.ts';
import type { Address, Hex, Scenario, ScenarioTx } from '../engine/scenario/types.ts';
import { ethTransfers } from '../workloads/bench.ts';
import { rng } from '../workloads/common.ts';
import type { SimTx, SimWorkload } from './model.ts';

const address = (i: number): Address => `0x${(i + 1).toString(16).padStart(40, 'a')}` as Address;

export function p2pTransfers(n: number, accounts: number, opts: { seed?: number; gas?: number; costUs?: number } = {}): SimWorkload {
  const template = ethTransfers(1);
  const r = rng(opts.seed ?? 7);
  const gas = opts.gas ?? 21_000;
  const transactions: ScenarioTx[] = [];
  const txs: SimTx[] = [];
  const nonces = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const from = Math.floor(r.next() * accounts);
    let to = accounts > 1 ? Math.floor(r.next() * (accounts - 1)) : 0;
    if (accounts > 1 && to >= from) to++;
    const nonce = nonces.get(from) ?? 0;
    nonces.set(from, nonce + 1);
    transactions.push({ ...template.transactions[0], from: address(from), to: address(to), nonce: `0x${nonce.toString(16)}` as Hex, hash: undefined });
    const keys = [...new Set([accountKey(address(from).slice(2)), accountKey(address(to).slice(2))])];
    txs.push({ reads: keys, writes: keys, gas, costUs: opts.costUs ?? 100 });
  }
  const scenario: Scenario = { ...template, name: `p2p-${n}-${accounts}`, description: `${n} transfers among ${accounts} accounts`, preState: {}, transactions };
  return { scenario, txs, source: `synthetic: ${n} peer-to-peer transfers among ${accounts} accounts (Block-STM's benchmark shape)` };
}
