/**
 * The compiled workload contracts (from the checked-in artifacts.json) with their storage layouts and call
 * encoders. Regenerate artifacts with `node --import tsx scripts/compile-contracts.ts`.
 */
import json from './artifacts.json' with { type: 'json' };
import type { Address, Hex } from '../../engine/scenario/types.ts';
import type { Artifacts, ContractArtifact } from '../compile.ts';
import { encodeCall, mappingSlot, nestedMappingSlot, pad32, withConstructorArgs } from '../abi.ts';

export const artifacts = json as Artifacts;

function artifact(name: string): ContractArtifact {
  const a = artifacts.contracts[name];
  if (a === undefined) throw new Error(`no artifact for ${name}; run scripts/compile-contracts.ts`);
  return a;
}

export const MAX_UINT256 = (1n << 256n) - 1n;

export const Token = {
  ...artifact('Token'),
  slots: {
    balance: (owner: Address): Hex => mappingSlot(owner, 0),
    allowance: (owner: Address, spender: Address): Hex => nestedMappingSlot(owner, spender, 1),
    totalSupply: pad32(2),
  },
  transfer: (to: Address, amount: bigint): Hex => encodeCall('transfer(address,uint256)', [to, amount]),
  approve: (spender: Address, amount: bigint): Hex => encodeCall('approve(address,uint256)', [spender, amount]),
  transferFrom: (from: Address, to: Address, amount: bigint): Hex =>
    encodeCall('transferFrom(address,address,uint256)', [from, to, amount]),
  mint: (to: Address, amount: bigint): Hex => encodeCall('mint(address,uint256)', [to, amount]),
  balanceOf: (owner: Address): Hex => encodeCall('balanceOf(address)', [owner]),
};

export const Pool = {
  ...artifact('Pool'),
  slots: {
    token0: pad32(0),
    token1: pad32(1),
    reserve0: pad32(2),
    reserve1: pad32(3),
    totalShares: pad32(4),
    shares: (provider: Address): Hex => mappingSlot(provider, 5),
  },
  /** Creation code with constructor arguments, for deploying by transaction. */
  creationCode: (token0: Address, token1: Address): Hex => withConstructorArgs(artifact('Pool').bytecode, [token0, token1]),
  swap: (tokenIn: Address, amountIn: bigint, minOut: bigint): Hex =>
    encodeCall('swap(address,uint256,uint256)', [tokenIn, amountIn, minOut]),
  addLiquidity: (amount0: bigint, amount1: bigint): Hex => encodeCall('addLiquidity(uint256,uint256)', [amount0, amount1]),
  /** Same formula as the contract (0.3 % fee). */
  amountOut: (amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint =>
    (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n),
};

export const Counter = {
  ...artifact('Counter'),
  slots: {
    count: pad32(0),
    lastCoinbaseBalance: pad32(1),
    scratch: (i: bigint): Hex => mappingSlot(i, 2),
  },
  increment: (): Hex => encodeCall('increment()'),
  incrementBy: (n: bigint): Hex => encodeCall('incrementBy(uint256)', [n]),
  get: (): Hex => encodeCall('get()'),
  fail: (): Hex => encodeCall('fail()'),
  burn: (n: bigint): Hex => encodeCall('burn(uint256)', [n]),
  coinbaseBalance: (): Hex => encodeCall('coinbaseBalance()'),
  tipCoinbase: (): Hex => encodeCall('tipCoinbase()'),
  /** The revert reason of `fail()`. */
  FAIL_REASON: 'Counter: always fails',
};
