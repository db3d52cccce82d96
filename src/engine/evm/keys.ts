/**
 * State keys and the values stored under them: what a conflict is about.
 *
 * An account's basic fields, its code and each storage slot are separate keys, so that paying a contract does not
 * conflict with reading its code, and two users' token balances do not conflict with each other.
 *
 * - `a<addr>`  account: `{ nonce, balance, codeHash }` or `null` when the account does not exist
 * - `c<addr>`  code: its keccak256 hash (hex, no 0x); the bytes live in a content-addressed `CodeStore`
 * - `w<addr>`  storage generation: how many times the account's storage was wiped (self-destruct, re-creation)
 * - `s<addr><gen>:<slot>` / `s<addr><slot>` (gen 0): one storage slot of one generation, as a bigint
 *
 * Addresses and slots are unprefixed lowercase hex (40 and 64 chars).
 *
 * This module is the one owner of the key format: the type (the trace re-exports it), the constructors, the parsers
 * and the one formatter for people (`describeKey`). It imports nothing, so the trace layer and the page may use it
 * without pulling in the EVM (`.dependency-cruiser.cjs` checks that).
 */

export type StateKey = string;

export interface AccountValue {
  nonce: bigint;
  balance: bigint;
  /** keccak256 of the code, unprefixed hex. */
  codeHash: string;
}

/** `null`: account absent. `string`: code hash. `bigint`: slot value. `number`: storage generation. */
export type StateValue = AccountValue | null | string | bigint | number;

export const EMPTY_CODE_HASH = 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';

/**
 * A delta is one bigint wherever it travels (results, replica updates, snapshots, folds): a balance change, plus —
 * for a lazy sender's debit (`evm/lazyAccount.ts`) — nonce increments scaled by 2^320, far above any balance. Sums of
 * packed deltas stay packed (balance sums stay far below 2^319), so folding and crediting need no second field.
 */
const NONCE_SHIFT = 320n;
const NONCE_ROUND = 1n << (NONCE_SHIFT - 1n);

export function packDelta(balance: bigint, nonces: bigint): bigint {
  return nonces === 0n ? balance : balance + (nonces << NONCE_SHIFT);
}

export function unpackDelta(delta: bigint): { balance: bigint; nonces: bigint } {
  const nonces = (delta + NONCE_ROUND) >> NONCE_SHIFT;
  return nonces === 0n ? { balance: delta, nonces } : { balance: delta - (nonces << NONCE_SHIFT), nonces };
}

export const accountKey = (addr: string): StateKey => 'a' + addr;
export const codeKey = (addr: string): StateKey => 'c' + addr;
export const genKey = (addr: string): StateKey => 'w' + addr;
export const slotKey = (addr: string, slot: string, gen: number): StateKey =>
  gen === 0 ? 's' + addr + slot : 's' + addr + gen + ':' + slot;

/**
 * The block's fee recipient's account key, from a scenario or its coinbase address (`0x`-prefixed or not, any case):
 * fee credits to it are commutative deltas, never conflicts.
 */
export function coinbaseKey(scenarioOrAddress: string | { readonly block: { readonly coinbase: string } }): StateKey {
  const addr = typeof scenarioOrAddress === 'string' ? scenarioOrAddress : scenarioOrAddress.block.coinbase;
  return accountKey(addr.replace(/^0x/i, '').toLowerCase());
}

export type KeyKind = 'account' | 'code' | 'gen' | 'slot';

export function keyKind(key: StateKey): KeyKind {
  switch (key.charCodeAt(0)) {
    case 97: return 'account'; // a
    case 99: return 'code'; // c
    case 119: return 'gen'; // w
    default: return 'slot';
  }
}

/** The address a key belongs to (unprefixed). */
export const keyAddress = (key: StateKey): string => key.slice(1, 41);

/** Parses a slot key into its generation and slot. */
export function parseSlotKey(key: StateKey): { addr: string; gen: number; slot: string } {
  const addr = key.slice(1, 41);
  const rest = key.slice(41);
  const colon = rest.indexOf(':');
  return colon < 0 ? { addr, gen: 0, slot: rest } : { addr, gen: Number(rest.slice(0, colon)), slot: rest.slice(colon + 1) };
}

const KEY_SHAPE = /^[acsw][0-9a-f]{40}/;

/**
 * A state key as a person reads it — the one formatter every view, report and lesson uses: `0x9001…0000.account`,
 * `.code`, `.storageGeneration`, or a storage slot `0x70c0…000a[0x2]` (leading zeros dropped, a long slot such as a
 * mapping entry's hash shortened to `[0xababab…abab]`). Anything not in the key format (a label) is returned as it is.
 */
export function describeKey(key: StateKey): string {
  if (!KEY_SHAPE.test(key)) return key;
  const addr = '0x' + keyAddress(key);
  const short = addr.slice(0, 6) + '…' + addr.slice(-4);
  switch (keyKind(key)) {
    case 'account': return `${short}.account`;
    case 'code': return `${short}.code`;
    case 'gen': return `${short}.storageGeneration`;
    case 'slot': {
      const slot = parseSlotKey(key).slot.replace(/^0+(?=.)/, '');
      return `${short}[0x${slot.length > 12 ? `${slot.slice(0, 6)}…${slot.slice(-4)}` : slot}]`;
    }
  }
}

/** Value equality, as validation uses it: a read is still valid when it would read an equal value. */
export function valuesEqual(a: StateValue, b: StateValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return a.nonce === b.nonce && a.balance === b.balance && a.codeHash === b.codeHash;
}

/** The value a key has when nothing ever wrote it and the pre-state does not mention it. */
export function absentValue(key: StateKey): StateValue {
  switch (keyKind(key)) {
    case 'account': return null;
    case 'code': return EMPTY_CODE_HASH;
    case 'gen': return 0;
    case 'slot': return 0n;
  }
}
