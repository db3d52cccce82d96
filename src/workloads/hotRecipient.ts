/**
 * The hot-recipient workload: many senders paying one address, as an exchange's deposit address or a payment
 * processor sees it, mixed with WETH-style deposits into one contract (mainnet block 12159808 is limited by WETH's
 * account this way). Every transaction credits one of two accounts, so plain Block-STM serialises on those accounts'
 * balances although credits commute; `block-stm-deltas` records them as deltas.
 *
 * The deposit contract is hand-assembled (no compiler needed): any call adds `msg.value` to `balanceOf[msg.sender]`
 * (slot = the caller's address) and logs WETH9's `Deposit(address indexed dst, uint256 wad)`. It never reads its own
 * balance — just like WETH9's `deposit()`.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Address, Hex, PreState, Scenario, ScenarioTx } from '../engine/scenario/types.ts';
import { bytesToHex, quantity } from './abi.ts';
import { ETH, account, blockEnv, rng } from './common.ts';

const HARDFORK = 'cancun';

export const HOT = {
  /** The address everybody pays (exists, holds 1 ETH). */
  recipient: account('40c1', 0),
  /** The WETH-like deposit contract. */
  deposit: account('7e70', 0),
  sender: (i: number): Address => account('5e4e', i),
};

const DEPOSIT_TOPIC = bytesToHex(keccak_256(new TextEncoder().encode('Deposit(address,uint256)'))).slice(2);

/** CALLER SLOAD CALLVALUE ADD CALLER SSTORE · CALLVALUE 0 MSTORE · CALLER <topic> 32 0 LOG2 · STOP */
export const DEPOSIT_CODE: Hex = `0x33543401335534600052337f${DEPOSIT_TOPIC}60206000a200`;

export interface HotOptions {
  seed?: number;
  /** Share of transactions that deposit into the contract rather than pay the address; default 1/3. */
  depositShare?: number;
}

/** n transactions from n distinct senders: payments to one address and deposits into one contract. */
export function hotRecipient(n: number, opts: HotOptions = {}): Scenario {
  const r = rng(opts.seed ?? 1);
  const share = opts.depositShare ?? 1 / 3;
  const pre: PreState = {
    [HOT.recipient]: { balance: quantity(ETH), nonce: '0x0' },
    [HOT.deposit]: { balance: quantity(ETH), nonce: '0x1', code: DEPOSIT_CODE },
  };
  const txs: ScenarioTx[] = [];
  for (let i = 0; i < n; i++) {
    const from = HOT.sender(i);
    pre[from] = { balance: quantity(ETH), nonce: '0x0' };
    const deposit = r.next() < share;
    const value = r.big(1n, ETH / 100n);
    txs.push({
      type: 2,
      from,
      to: deposit ? HOT.deposit : HOT.recipient,
      nonce: '0x0',
      value: quantity(value),
      input: '0x',
      gas: quantity(deposit ? 80_000n : 21_000n),
      maxFeePerGas: quantity(0x3b9aca00n),
      maxPriorityFeePerGas: '0x1',
      chainId: '0x1',
      label: deposit ? 'deposit' : 'payment',
    });
  }
  return {
    version: 1,
    name: `hot-recipient-${n}`,
    description: `${n} credits to two hot accounts: payments to one address, WETH-style deposits into one contract`,
    chain: { chainId: 1, hardfork: HARDFORK },
    block: blockEnv(HARDFORK, { gasLimit: 0x7fffffffffffffffn, baseFee: 7n }),
    preState: pre,
    transactions: txs,
  };
}
