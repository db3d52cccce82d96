/**
 * The compiled workload contracts (from the checked-in artifacts.json) with their storage layouts and call
 * encoders. Regenerate artifacts with `node --import tsx scripts/compile-contracts.ts`.
 */
import json from './artifacts.json' with { type: 'json' };
import type { Address, Hex } from '../../engine/scenario/types.ts';
import type { Artifacts, ContractArtifact } from '../compiler/artifacts.ts';
import { encodeCall, mappingSlot, nestedMappingSlot, pad32, withConstructorArgs } from '../abi.ts';

export const artifacts = json as Artifacts;

function artifact(name: string): ContractArtifact {
  const a = artifacts.contracts[name];
  if (a === undefined) throw new Error(`no artifact for ${name}; run scripts/compile-contracts.ts`);
  return a;
}

export const MAX_UINT256 = (1n << 256n) - 1n;

/** Slot `base + k`: the k-th field of a struct stored at `base` (a mapping's value slot). */
function offset(base: Hex, k: number): Hex {
  return pad32((BigInt(base) + BigInt(k)) & MAX_UINT256);
}

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

/** Every sender bumps its own entry: no conflicts between senders (the contrast to `Counter`). */
export const PerUserCounter = {
  ...artifact('PerUserCounter'),
  slots: {
    count: (user: Address): Hex => mappingSlot(user, 0),
  },
  /** Same selector as `Counter.increment`. */
  increment: (): Hex => encodeCall('increment()'),
  get: (user: Address): Hex => encodeCall('get(address)', [user]),
};

/** ERC721 with a public mint; `nextId` (slot 0) is the hot slot. */
export const Nft = {
  ...artifact('Nft'),
  slots: {
    nextId: pad32(0),
    owner: (id: bigint): Hex => mappingSlot(id, 1),
    balance: (owner: Address): Hex => mappingSlot(owner, 2),
    approval: (id: bigint): Hex => mappingSlot(id, 3),
    operator: (owner: Address, operator: Address): Hex => nestedMappingSlot(owner, operator, 4),
  },
  /** Returns the new id (`nextId` before the call). */
  mint: (): Hex => encodeCall('mint()'),
  transferFrom: (from: Address, to: Address, id: bigint): Hex =>
    encodeCall('transferFrom(address,address,uint256)', [from, to, id]),
  safeTransferFrom: (from: Address, to: Address, id: bigint): Hex =>
    encodeCall('safeTransferFrom(address,address,uint256)', [from, to, id]),
  approve: (to: Address, id: bigint): Hex => encodeCall('approve(address,uint256)', [to, id]),
  setApprovalForAll: (operator: Address, approved: boolean): Hex =>
    encodeCall('setApprovalForAll(address,bool)', [operator, approved]),
  ownerOf: (id: bigint): Hex => encodeCall('ownerOf(uint256)', [id]),
  balanceOf: (owner: Address): Hex => encodeCall('balanceOf(address)', [owner]),
  /** Revert reasons. */
  REASONS: {
    noSuchToken: 'Nft: no such token',
    wrongOwner: 'Nft: wrong owner',
    notAllowed: 'Nft: not allowed',
    zeroAddress: 'Nft: zero address',
  },
};

/** Proposals and votes: `proposalCount` (slot 0) is hot for `propose`, each proposal's tallies for its votes. */
export const Dao = {
  ...artifact('Dao'),
  slots: {
    proposalCount: pad32(0),
    /** The fields of `proposals[id]`, a struct at keccak(id . 1). */
    proposal: (id: bigint) => {
      const base = mappingSlot(id, 1);
      return { description: base, proposer: offset(base, 1), yes: offset(base, 2), no: offset(base, 3), executed: offset(base, 4) };
    },
    voted: (id: bigint, voter: Address): Hex => nestedMappingSlot(id, voter, 2),
  },
  /** `description`: 32 bytes (e.g. a hash of the text). Returns the new id. */
  propose: (description: Hex): Hex => {
    if (!/^0x[0-9a-fA-F]{64}$/.test(description)) throw new Error(`Dao.propose: description must be 32 bytes of hex, got ${description}`);
    return encodeCall('propose(bytes32)', [description]);
  },
  vote: (id: bigint, support: boolean): Hex => encodeCall('vote(uint256,bool)', [id, support]),
  execute: (id: bigint): Hex => encodeCall('execute(uint256)', [id]),
  /** Revert reasons. */
  REASONS: {
    alreadyVoted: 'Dao: already voted',
    noSuchProposal: 'Dao: no such proposal',
    alreadyExecuted: 'Dao: already executed',
    notPassed: 'Dao: not passed',
  },
};

/** Items and gold: `itemCount` (slot 0) is hot for `craft`; trades touch the item and both players' gold. */
export const Game = {
  ...artifact('Game'),
  slots: {
    itemCount: pad32(0),
    owner: (item: bigint): Hex => mappingSlot(item, 1),
    /** 0 = not for sale. */
    price: (item: bigint): Hex => mappingSlot(item, 2),
    gold: (player: Address): Hex => mappingSlot(player, 3),
  },
  /** Returns the new item id. */
  craft: (): Hex => encodeCall('craft()'),
  earn: (amount: bigint): Hex => encodeCall('earn(uint256)', [amount]),
  /** A price of 0 takes the item off the market. */
  list: (item: bigint, price: bigint): Hex => encodeCall('list(uint256,uint256)', [item, price]),
  buy: (item: bigint): Hex => encodeCall('buy(uint256)', [item]),
  give: (item: bigint, to: Address): Hex => encodeCall('give(uint256,address)', [item, to]),
  ownerOf: (item: bigint): Hex => encodeCall('owners(uint256)', [item]),
  goldOf: (player: Address): Hex => encodeCall('gold(address)', [player]),
  /** Revert reasons. */
  REASONS: {
    notOwner: 'Game: not owner',
    notForSale: 'Game: not for sale',
    ownItem: 'Game: own item',
    notEnoughGold: 'Game: not enough gold',
    zeroAddress: 'Game: zero address',
  },
};
