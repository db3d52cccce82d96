/**
 * The contracts and balances a generated block needs, placed one of two ways (the `deploy` knob):
 *
 * - `prestate`: each contract's runtime code sits at a fixed, readable address with its storage already seeded
 *   (balances, allowances, reserves, pre-minted items), so transaction 0 is already workload.
 * - `transactions`: a deployer creates every contract by transaction (addresses from its nonce), then setup calls
 *   produce the same state: mints, approvals, then contract-specific calls (add liquidity, propose, craft, list…).
 *
 * Kinds ask for what they need (`deploy`, `credit`, `approve`, `init`, `store`) without caring which mode is on.
 * Aggregated needs (one mint per token and holder, one approval per owner and spender) become setup transactions
 * at `finish`, in first-asked order (approvals grouped by token and spender), so the result is deterministic.
 */
import type { Address, Hex, PreState } from '../../engine/scenario/types.ts';
import { contractAddress, quantity } from '../abi.ts';
import { account } from '../common.ts';
import { MAX_UINT256, Token } from '../contracts/index.ts';
import { ZERO, encoder } from './calldata.ts';
import type { Draft } from './draft.ts';

export type DeployMode = 'prestate' | 'transactions';

/** Creates every contract in `transactions` mode and provides liquidity; funded like any sender. */
export const DEPLOYER: Address = account('d001', 0);

const DEPLOY_GAS = 3_000_000n;
/** Gas limit of a setup call (mint, approve, propose…): ample for any of them. */
export const SETUP_GAS = 200_000n;

/** A balance kept in one mapping slot per holder (ERC20 balances, game gold). */
export interface Ledger {
  contract: Address;
  /** Storage slot of `holder`'s balance. */
  slot(holder: Address): Hex;
  /** Slot that sums all balances (ERC20 totalSupply), if any. */
  totalSlot?: Hex;
  /** The setup transaction that credits `amount` to `holder` in `transactions` mode. */
  setup(holder: Address, amount: bigint): Draft;
}

/** Slots of one token layout, shared by every token and hashed once per holder (or owner and spender); made by
 * `tokenSlots()` (installs/tokens.ts). Declared here, where approvals use it, so the world needs no install. */
export interface TokenSlots {
  balance(holder: Address): Hex;
  allowance(owner: Address, spender: Address): Hex;
}

export class World {
  readonly mode: DeployMode;
  readonly preState: PreState = {};
  readonly #deploys: Draft[] = [];
  readonly #inits: Draft[] = [];
  readonly #credits = new Map<Ledger, Map<Address, bigint>>();
  /** token → spender → owners, each in first-asked order. */
  readonly #approvals = new Map<Address, { slots: TokenSlots; bySpender: Map<Address, Set<Address>> }>();
  readonly #finishers: (() => void)[] = [];

  constructor(mode: DeployMode) {
    this.mode = mode;
  }

  /**
   * Places a contract: at `account(tag, index)` with `runtime` code (prestate), or created by the deployer with
   * `creation` code (transactions). Returns its address.
   */
  deploy(name: string, tag: string, index: number, runtime: Hex, creation: Hex): Address {
    if (this.mode === 'prestate') {
      const address = account(tag, index);
      this.preState[address] = { balance: '0x0', nonce: '0x1', code: runtime, storage: {} };
      return address;
    }
    const address = contractAddress(DEPLOYER, BigInt(this.#deploys.length));
    this.#deploys.push({ from: DEPLOYER, to: null, input: creation, value: 0n, gas: DEPLOY_GAS, label: `setup: deploy ${name}` });
    return address;
  }

  /** Prestate mode: sets a storage slot (zero values are left out, as the format wants). */
  store(contract: Address, slot: Hex, value: bigint): void {
    const storage = this.preState[contract]!.storage!;
    if (value === 0n) delete storage[slot];
    else storage[slot] = quantity(value);
  }

  /** Reads back a prestate slot (0 when unset). */
  stored(contract: Address, slot: Hex): bigint {
    const v = this.preState[contract]?.storage?.[slot];
    return v === undefined ? 0n : BigInt(v);
  }

  /** Gives `holder` `amount` more on `ledger` before the workload starts. */
  credit(ledger: Ledger, holder: Address, amount: bigint): void {
    let holders = this.#credits.get(ledger);
    if (holders === undefined) this.#credits.set(ledger, (holders = new Map()));
    holders.set(holder, (holders.get(holder) ?? 0n) + amount);
  }

  /** An unlimited ERC20 allowance from `owner` to `spender` (never written by `transferFrom`, so never hot). */
  approve(token: Address, owner: Address, spender: Address, slots: TokenSlots): void {
    let forToken = this.#approvals.get(token);
    if (forToken === undefined) this.#approvals.set(token, (forToken = { slots, bySpender: new Map() }));
    let owners = forToken.bySpender.get(spender);
    if (owners === undefined) forToken.bySpender.set(spender, (owners = new Set()));
    owners.add(owner);
  }

  *#eachApproval(): Generator<{ token: Address; owner: Address; spender: Address; slots: TokenSlots }> {
    for (const [token, { slots, bySpender }] of this.#approvals) {
      for (const [spender, owners] of bySpender) for (const owner of owners) yield { token, owner, spender, slots };
    }
  }

  /** Transactions mode: a setup call after deployments, mints and approvals (in the order asked). */
  init(draft: Draft): void {
    this.#inits.push(draft);
  }

  /** Runs once the workload is planned (e.g. to seed a counter above every pre-minted id). */
  onFinish(fn: () => void): void {
    this.#finishers.push(fn);
  }

  /** Settles the aggregated needs; returns the setup transactions (empty in prestate mode). */
  finish(): Draft[] {
    for (const fn of this.#finishers) fn();
    if (this.mode === 'prestate') {
      for (const [ledger, holders] of this.#credits) {
        let total = 0n;
        for (const [holder, amount] of holders) {
          const slot = ledger.slot(holder);
          this.store(ledger.contract, slot, this.stored(ledger.contract, slot) + amount);
          total += amount;
        }
        if (ledger.totalSlot !== undefined) this.store(ledger.contract, ledger.totalSlot, this.stored(ledger.contract, ledger.totalSlot) + total);
      }
      const max = quantity(MAX_UINT256); // one string for every unlimited allowance
      for (const { token, owner, spender, slots } of this.#eachApproval()) this.preState[token]!.storage![slots.allowance(owner, spender)] = max;
      return [];
    }
    const credits: Draft[] = [];
    for (const [ledger, holders] of this.#credits) for (const [holder, amount] of holders) credits.push(ledger.setup(holder, amount));
    const approve = encoder<[Address, bigint]>(Token.approve(ZERO, 0n));
    const approvals = [...this.#eachApproval()].map(({ token, owner, spender }): Draft => ({
      from: owner,
      to: token,
      input: approve(spender, MAX_UINT256),
      value: 0n,
      gas: SETUP_GAS,
      label: 'setup: approve',
    }));
    return [...this.#deploys, ...credits, ...approvals, ...this.#inits];
  }
}
