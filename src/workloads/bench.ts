/**
 * Benchmark workloads: deterministic (seeded) scenarios with a known conflict shape.
 *   ethTransfers  — no conflicts at all (distinct senders, distinct fresh recipients).
 *   erc20Transfers — no storage conflicts (distinct balance slots), but every tx reads and "writes" the token account.
 *   ammSwaps      — everything conflicts: one pool's reserves are read and written by every swap.
 *   hotRecipient  — every tx credits one of two hot accounts (`hotRecipient.ts`): commutative, unless read as values.
 * Contracts are placed in the pre-state (runtime code + storage), never deployed, so tx 0 is already a real swap.
 */
import type { Address, PreState, Scenario, ScenarioTx } from '../engine/scenario/types.ts';
import { quantity } from './abi.ts';
import { COINBASE, ETH, account, blockEnv, rng } from './common.ts';
import { MAX_UINT256, Pool, Token } from './contracts/index.ts';
import { hotRecipient } from './hotRecipient.ts';

export interface BenchOptions {
  /** PRNG seed for amounts; default 1. */
  seed?: number;
}

const HARDFORK = 'cancun';
const BASE_FEE = 7n;
const MAX_FEE = 0x3b9aca00n; // 1 gwei
const SENDER_FUNDS = ETH;

/** Addresses the bench workloads use (fixed, so traces and dashboards stay comparable across runs). */
export const BENCH = {
  coinbase: COINBASE,
  sender: (i: number): Address => account('5e4d', i),
  recipient: (i: number): Address => account('ec1e', i),
  token: account('70c0', 0),
  tokenA: account('70c0', 0xa),
  tokenB: account('70c0', 0xb),
  pool: account('9001', 0),
  liquidityProvider: account('11b0', 0),
};

function scenario(name: string, description: string, preState: PreState, transactions: ScenarioTx[]): Scenario {
  return {
    version: 1,
    name,
    description,
    chain: { chainId: 1, hardfork: HARDFORK },
    block: blockEnv(HARDFORK, { gasLimit: 0x7fffffffffffffffn, baseFee: BASE_FEE }),
    preState,
    transactions,
  };
}

function tx(from: Address, to: Address, input: `0x${string}`, gas: bigint, label: string, value = 0n): ScenarioTx {
  return {
    type: 2,
    from,
    to,
    nonce: '0x0',
    value: quantity(value),
    input,
    gas: quantity(gas),
    maxFeePerGas: quantity(MAX_FEE),
    maxPriorityFeePerGas: '0x1',
    chainId: '0x1',
    label,
  };
}

function fund(pre: PreState, a: Address): void {
  pre[a] = { balance: quantity(SENDER_FUNDS), nonce: '0x0' };
}

/** n ETH transfers, sender i → fresh recipient i. */
export function ethTransfers(n: number, opts: BenchOptions = {}): Scenario {
  const r = rng(opts.seed ?? 1);
  const pre: PreState = {};
  const txs: ScenarioTx[] = [];
  for (let i = 0; i < n; i++) {
    fund(pre, BENCH.sender(i));
    txs.push(tx(BENCH.sender(i), BENCH.recipient(i), '0x', 21_000n, 'eth transfer', r.big(1n, ETH / 100n)));
  }
  return scenario(`eth-transfers-${n}`, `${n} independent ETH transfers`, pre, txs);
}

/** n token transfers, sender i → fresh recipient i, on one token whose balances are pre-set in storage. */
export function erc20Transfers(n: number, opts: BenchOptions = {}): Scenario {
  const r = rng(opts.seed ?? 1);
  const pre: PreState = {};
  const storage: Record<`0x${string}`, `0x${string}`> = {};
  const txs: ScenarioTx[] = [];
  let supply = 0n;
  for (let i = 0; i < n; i++) {
    const from = BENCH.sender(i);
    const balance = r.big(ETH, 1000n * ETH);
    supply += balance;
    fund(pre, from);
    storage[Token.slots.balance(from)] = quantity(balance);
    const amount = r.big(1n, balance);
    txs.push(tx(from, BENCH.token, Token.transfer(BENCH.recipient(i), amount), 100_000n, 'erc20 transfer'));
  }
  storage[Token.slots.totalSupply] = quantity(supply);
  pre[BENCH.token] = { balance: '0x0', nonce: '0x1', code: Token.deployedBytecode, storage };
  return scenario(`erc20-transfers-${n}`, `${n} ERC20 transfers between distinct accounts`, pre, txs);
}

/** n swaps on one constant-product pool by n distinct traders, alternating A→B and B→A; minOut 0. */
export function ammSwaps(n: number, opts: BenchOptions = {}): Scenario {
  const r = rng(opts.seed ?? 1);
  const { pool, tokenA, tokenB, liquidityProvider } = BENCH;
  const reserveA = 1_000_000n * ETH;
  const reserveB = 2_000_000n * ETH;
  const shares = 1_414_213n * ETH; // ≈ sqrt(reserveA * reserveB); only addLiquidity reads it
  const storageA: Record<`0x${string}`, `0x${string}`> = { [Token.slots.balance(pool)]: quantity(reserveA) };
  const storageB: Record<`0x${string}`, `0x${string}`> = { [Token.slots.balance(pool)]: quantity(reserveB) };
  let supplyA = reserveA;
  let supplyB = reserveB;
  const pre: PreState = {};
  const txs: ScenarioTx[] = [];
  for (let i = 0; i < n; i++) {
    const trader = BENCH.sender(i);
    const aToB = i % 2 === 0;
    const tokenIn = aToB ? tokenA : tokenB;
    const amountIn = r.big(ETH / 10n, 100n * ETH);
    const storage = aToB ? storageA : storageB;
    storage[Token.slots.balance(trader)] = quantity(amountIn);
    storage[Token.slots.allowance(trader, pool)] = quantity(MAX_UINT256);
    if (aToB) supplyA += amountIn;
    else supplyB += amountIn;
    fund(pre, trader);
    txs.push(tx(trader, pool, Pool.swap(tokenIn, amountIn, 0n), 250_000n, aToB ? 'swap A→B' : 'swap B→A'));
  }
  storageA[Token.slots.totalSupply] = quantity(supplyA);
  storageB[Token.slots.totalSupply] = quantity(supplyB);
  pre[tokenA] = { balance: '0x0', nonce: '0x1', code: Token.deployedBytecode, storage: storageA };
  pre[tokenB] = { balance: '0x0', nonce: '0x1', code: Token.deployedBytecode, storage: storageB };
  pre[pool] = {
    balance: '0x0',
    nonce: '0x1',
    code: Pool.deployedBytecode,
    storage: {
      [Pool.slots.token0]: quantity(BigInt(tokenA)),
      [Pool.slots.token1]: quantity(BigInt(tokenB)),
      [Pool.slots.reserve0]: quantity(reserveA),
      [Pool.slots.reserve1]: quantity(reserveB),
      [Pool.slots.totalShares]: quantity(shares),
      [Pool.slots.shares(liquidityProvider)]: quantity(shares),
    },
  };
  return scenario(`amm-swaps-${n}`, `${n} swaps on one constant-product pool`, pre, txs);
}

/** By name, for the CLI and the benchmark (`bench --workload erc20 --n 2000`). */
export const BENCH_WORKLOADS: Record<'eth' | 'erc20' | 'amm' | 'hot', (n: number, opts?: BenchOptions) => Scenario> = {
  eth: ethTransfers,
  erc20: erc20Transfers,
  amm: ammSwaps,
  /** Credits to two hot accounts (payments to one address, WETH-style deposits): see `hotRecipient.ts`. */
  hot: hotRecipient,
};
