/** ERC20 tokens: `n` of them for transfers, and the pair tokens of each pool. */
import type { Address, Hex } from '../../../engine/scenario/types.ts';
import { Token } from '../../contracts/index.ts';
import { ZERO, encoder } from '../calldata.ts';
import { memo, memo2 } from '../memo.ts';
import { slotsOf } from '../slots.ts';
import { DEPLOYER, SETUP_GAS, type Ledger, type TokenSlots, type World } from '../world.ts';

export interface TokenInfo {
  address: Address;
  ledger: Ledger;
}

export function tokenSlots(): TokenSlots {
  return { balance: memo(slotsOf.token.balance), allowance: memo2(slotsOf.token.allowance as (a: string, b: string) => Hex) };
}

const mint = encoder<[Address, bigint]>(Token.mint(ZERO, 0n));

/** Places one token; `tag` and `index` pick its prestate address. */
export function installToken(world: World, name: string, tag: string, index: number, slots: TokenSlots): TokenInfo {
  const address = world.deploy(name, tag, index, Token.deployedBytecode, Token.bytecode);
  return {
    address,
    ledger: {
      contract: address,
      slot: slots.balance,
      totalSlot: Token.slots.totalSupply,
      setup: (holder, amount) => ({ from: DEPLOYER, to: address, input: mint(holder, amount), value: 0n, gas: SETUP_GAS, label: 'setup: mint tokens' }),
    },
  };
}

export function installTokens(world: World, n: number, slots: TokenSlots): TokenInfo[] {
  return Array.from({ length: n }, (_, i) => installToken(world, `token ${i}`, '70c0', i, slots));
}
