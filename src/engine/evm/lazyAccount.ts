/**
 * Lazy accounts: how `block-stm-deltas` turns ETH credits into commutative deltas (pevm's "lazy updates").
 *
 * With lazy credits on, the first touch of an account that exists and is non-empty in its last *absolute* version
 * (earlier transactions' balance deltas skipped) reads no balance at all. The view hands the EVM a `LazyAccount`: the
 * real nonce and code hash, and a stand-in balance (`base`) whose later values are only meaningful relative to it. The
 * read set records a *shape read* (exists, non-empty, this nonce, this code hash), which later credits never
 * invalidate. Adding value inside the EVM's `_addToBalance` (the "credit window") moves the relative balance; at the
 * end the growth is reported as a delta. Any other look at the balance — `BALANCE`, `SELFBALANCE`, the account paying
 * value or gas, a self-destruct, a copy — *materialises* the account: a real read (recorded, validated as usual), every
 * relative value is rebased by `real − base`, and from then on the account is an ordinary one.
 *
 * Emptiness never needs the balance: the stand-in is non-empty, credits only add, and anything lowering the balance
 * materialises first — so `isEmpty()` answers false without observing it (EIP-161 gas and clean-up stay right).
 */
import { Account, KECCAK256_RLP, bytesToUnprefixedHex } from '@ethereumjs/util';
import { type AccountValue, EMPTY_CODE_HASH, type StateValue } from './keys.ts';

/** A shape read's balance in the read set: none was read (shown as this impossible value where a read is printed). */
export const LAZY_BALANCE = -1n;

/** A read-set entry that is a condition on the account, not a value it had: told apart by `condition`, never by its
 * balance (a speculative read can now see a negative balance: a debit delta folded before a credit below it). */
export interface ConditionRead extends AccountValue {
  condition: 'shape' | 'sender';
}

/** One lazily read account within one transaction. */
export interface LazyRecord {
  readonly addr: string;
  /** The stand-in balance every relative value started from. */
  readonly base: bigint;
  readonly nonce: bigint;
  readonly codeHash: string;
  /** `real − base` once materialised; undefined while still lazy. */
  offset: bigint | undefined;
  /** The transaction's own sender (lazy senders): its nonce may move too, and its debits are deltas. */
  readonly sender?: boolean;
}

/** What a `LazyAccount` needs from its view. */
export interface LazyHost {
  /** True while accesses to this account's balance are the credit or the sender's debit itself, not observations
   * (the EVM adding a call's value to its recipient; for a lazy sender, runTx's checks, debit and refund). */
  quiet(rec: LazyRecord): boolean;
  /** Reads the real balance and sets `rec.offset`. */
  materialise(rec: LazyRecord): void;
}

export class LazyAccount extends Account {
  private rebased = false;

  constructor(nonce: bigint, relativeBalance: bigint, codeHash: Uint8Array, readonly host: LazyHost, readonly record: LazyRecord) {
    super(nonce, relativeBalance, KECCAK256_RLP, codeHash);
  }

  /** Still relative to the stand-in (nothing observed the balance yet). */
  get lazy(): boolean {
    return this.record.offset === undefined;
  }

  /** Brings this object into the real frame if its record was materialised (by this or any other copy). */
  private sync(observe: boolean): void {
    if (this.rebased) return;
    if (this.record.offset === undefined) {
      if (!observe || this.host.quiet(this.record)) return;
      this.host.materialise(this.record);
    }
    this._balance = (this._balance ?? 0n) + this.record.offset!;
    this.rebased = true;
  }

  /** The balance in the record's current frame (relative while lazy), without observing it. */
  frameBalance(): bigint {
    this.sync(false);
    return this._balance ?? 0n;
  }

  override get balance(): bigint {
    this.sync(true);
    return super.balance;
  }

  override set balance(value: bigint) {
    this.sync(true);
    super.balance = value;
  }

  override isEmpty(): boolean {
    const r = this.record;
    if (r.offset === undefined && this.nonce === r.nonce && bytesToUnprefixedHex(this.codeHash) === r.codeHash) return false;
    return super.isEmpty();
  }
}

/** Exists and is not EIP-161 empty. */
export function isNonEmptyAccount(v: StateValue): v is AccountValue {
  return v !== null && typeof v === 'object' && (v.nonce !== 0n || v.balance !== 0n || v.codeHash !== EMPTY_CODE_HASH);
}

/** The read-set entry of a shape read. */
export function shapeRead(v: AccountValue): ConditionRead {
  return { nonce: v.nonce, balance: LAZY_BALANCE, codeHash: v.codeHash, condition: 'shape' };
}

export function isShapeRead(v: StateValue): v is ConditionRead {
  return v !== null && typeof v === 'object' && (v as Partial<ConditionRead>).condition === 'shape';
}

/** A shape read still holds when the account's last absolute version is non-empty with the same nonce and code. */
export function shapeHolds(current: StateValue, read: AccountValue): boolean {
  return isNonEmptyAccount(current) && current.nonce === read.nonce && current.codeHash === read.codeHash;
}

/**
 * Lazy senders (pevm's lazy updates for the sender): a transaction's first touch of its own sender, an EOA, reads no
 * nonce and no balance. The EVM gets the nonce the transaction carries and, as its balance, the least the transaction
 * needs (`required`: what runTx checks, gas limit × max fee + value + blob fees). Its checks, its debit and its refund
 * move that stand-in; the nonce increment and the net debit are reported as one delta. Those are exactly the
 * transaction's validity conditions: whenever the real account has this nonce and at least `required`, the execution
 * is the one the real values give. The read set records them as a *sender read*, checked against the exact state when
 * the transaction is about to commit; a real look at the balance during execution materialises the account instead.
 * The record is the code hash, the nonce, and the required balance stored as `-2 − required` (shown so where a read
 * is printed; `condition` says what it is).
 */
export function senderRead(codeHash: string, nonce: bigint, required: bigint): ConditionRead {
  return { nonce, balance: -2n - required, codeHash, condition: 'sender' };
}

export function isSenderRead(v: StateValue): v is ConditionRead {
  return v !== null && typeof v === 'object' && (v as Partial<ConditionRead>).condition === 'sender';
}

/** A shape read or a sender read: a condition on the account, not its value. */
export function isConditionRead(v: StateValue): v is ConditionRead {
  return v !== null && typeof v === 'object' && (v as Partial<ConditionRead>).condition !== undefined;
}

/** The part of a sender read that later transactions' deltas cannot change: the account exists with this code. */
export function senderShapeHolds(current: StateValue, read: AccountValue): boolean {
  return current !== null && typeof current === 'object' && current.codeHash === read.codeHash;
}

/** The whole sender read, against the account's exact value before the transaction (at its commit). */
export function senderConditionHolds(current: StateValue, read: AccountValue): boolean {
  return senderShapeHolds(current, read) && (current as AccountValue).nonce === read.nonce && (current as AccountValue).balance >= -2n - read.balance;
}
