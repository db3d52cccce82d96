/**
 * The warm-up workload: a small block of every common kind of transaction (payments, token transfers, swaps on a
 * hot pool, mints, votes), with conflicts, so that a warm-up run takes the code paths a real run takes — the EVM's
 * interpreter and precompiles, the state view, validation, aborts and re-executions, commit, the roots — before the
 * first run a user times.
 */
import type { Scenario } from '../engine/scenario/types.ts';
import { generate } from './generators/index.ts';

export const WARMUP_TXS = 96;

const cached = new Map<number, Scenario>();

export function warmupScenario(txs = WARMUP_TXS): Scenario {
  let s = cached.get(txs);
  if (s === undefined) {
    s = generate(
      { txs, mix: { eth: 0.2, erc20: 0.3, swap: 0.3, 'nft-mint': 0.1, 'dao-vote': 0.1 }, pools: 2, accounts: 64, hotSpot: 0.5 },
      1,
      { name: 'warm-up', description: `${txs} mixed transactions that warm the engine up before a timed run` },
    );
    cached.set(txs, s);
  }
  return s;
}
