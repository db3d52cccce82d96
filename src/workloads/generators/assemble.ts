/**
 * Drafts → scenario transactions: nonces in block order per sender, fee fields for the chosen type, access lists
 * (exact, a random half, or none) with their intrinsic gas added to the limit, and a pre-state balance for every
 * sender that covers the worst case of all its transactions (gas limit × fee cap + value) plus 1 ETH.
 */
import type { AccessListItem, Address, Hex, PreState, ScenarioTx } from '../../engine/scenario/types.ts';
import { quantity } from '../abi.ts';
import { ETH } from '../common.ts';
import type { Draft } from './draft.ts';
import { memo } from './memo.ts';
import type { AccessListMode, Knobs } from './knobs.ts';
import type { Prng } from './prng.ts';

/** EIP-2930 intrinsic gas per listed address and per listed storage key. */
const ACCESS_LIST_ADDRESS_GAS = 2400n;
const ACCESS_LIST_KEY_GAS = 1900n;

export interface Assembled {
  transactions: ScenarioTx[];
  /** Sum of the gas limits, for sizing the block. */
  gasTotal: bigint;
}

/** `drafts` in block order; the first `setupCount` are setup calls (never given an access list). Empties `drafts`. */
export function assemble(knobs: Knobs, drafts: Draft[], setupCount: number, preState: PreState, rng: Prng): Assembled {
  const baseFee = BigInt(knobs.baseFee);
  const tip = BigInt(knobs.tip);
  const feeCap = knobs.txType === 2 ? 2n * baseFee + tip : baseFee + tip;
  const fees: Partial<ScenarioTx> =
    knobs.txType === 2
      ? { maxFeePerGas: quantity(feeCap), maxPriorityFeePerGas: quantity(tip), chainId: '0x1' }
      : { gasPrice: quantity(feeCap), ...(knobs.txType === 1 ? { chainId: '0x1' as Hex } : {}) };
  // Gas limits and nonces repeat: share one string per value rather than one per transaction.
  const hexOf = memo((n: bigint | number) => quantity(n));
  const nonces = new Map<Address, number>();
  const costs = new Map<Address, bigint>();
  const transactions: ScenarioTx[] = [];
  let gasTotal = 0n;

  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    drafts[i] = undefined as never; // let each draft (and its closures) go as soon as it is assembled
    const accessList = i < setupCount || knobs.txType === 0 ? undefined : accessListFor(d, knobs.accessLists, rng);
    let gas = d.gas;
    for (const item of accessList ?? []) gas += ACCESS_LIST_ADDRESS_GAS + ACCESS_LIST_KEY_GAS * BigInt(item.storageKeys.length);
    const nonce = nonces.get(d.from) ?? 0;
    nonces.set(d.from, nonce + 1);
    costs.set(d.from, (costs.get(d.from) ?? 0n) + gas * feeCap + d.value);
    gasTotal += gas;
    const tx: ScenarioTx = {
      type: knobs.txType,
      label: d.label,
      from: d.from,
      to: d.to,
      nonce: hexOf(nonce),
      value: d.value === 0n ? '0x0' : quantity(d.value),
      input: d.input,
      gas: hexOf(gas),
      ...fees,
    };
    if (accessList !== undefined) tx.accessList = accessList;
    transactions.push(tx);
  }
  for (const [sender, cost] of costs) {
    if (preState[sender]?.code !== undefined) throw new Error(`generator bug: contract ${sender} sends a transaction`);
    preState[sender] = { balance: quantity(cost + ETH), nonce: '0x0' };
  }
  return { transactions, gasTotal };
}

function accessListFor(d: Draft, mode: AccessListMode, rng: Prng): AccessListItem[] | undefined {
  if (mode === 'none') return undefined;
  const exact = d.touches?.() ?? [];
  if (mode === 'exact') return exact; // `touches` builds fresh arrays on every call
  const partial: AccessListItem[] = [];
  for (const item of exact) {
    const storageKeys = item.storageKeys.filter(() => rng.chance(0.5));
    if (storageKeys.length > 0) partial.push({ address: item.address, storageKeys });
  }
  return partial;
}
