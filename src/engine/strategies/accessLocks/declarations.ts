/**
 * What a transaction declares it will touch, for `access-locks`, and whether an execution stayed inside it.
 *
 * From an EIP-2930 access list: each listed address's account, code and storage generation are *read* locks (a call
 * reads them; it writes an account only by moving value, which the implicit part covers), each listed storage key a
 * *write* lock — an access list cannot say whether a slot is read or written, so it is taken at its worst. From a hint
 * (the transaction run once against the pre-state): its reads as read locks, its writes as write locks. Either way,
 * the implicit part: the sender's account is written (nonce, fee), the recipient's account is written when value
 * moves and read otherwise, its code and storage generation are read; a creation may touch anything of the address
 * it creates. The coinbase is never locked: fee credits are commutative deltas, and a transaction that touches the
 * coinbase's account for real (reads its balance, pays it) is a *barrier* — it waits for every earlier transaction,
 * whose credits it sees.
 *
 * Slot keys are compared without their storage generation (`s<addr><gen>:<slot>` ≡ `s<addr><slot>`): a list cannot
 * know how often a contract will have been wiped.
 */
import { accountKey, codeKey, coinbaseKey, genKey, keyAddress, keyKind, parseSlotKey, slotKey } from '../../evm/keys.ts';
import type { ScenarioTx } from '../../scenario/types.ts';
import type { StateKey } from '../../trace/events.ts';

export type LockMode = 'read' | 'write';

export interface Declaration {
  /** Locked keys (normalised, see `lockKey`) and how. */
  keys: Map<StateKey, LockMode>;
  /** Touches the coinbase account for real: waits for every earlier transaction. */
  barrier: boolean;
  /** Where it came from. */
  source: 'access-list' | 'hint';
}

/** The key a lock is taken on: slot keys lose their storage generation. */
export function lockKey(key: StateKey): StateKey {
  if (keyKind(key) !== 'slot') return key;
  const { addr, slot } = parseSlotKey(key);
  return slotKey(addr, slot, 0);
}

const strip = (addr: string): string => addr.slice(2).toLowerCase();

function put(keys: Map<StateKey, LockMode>, key: StateKey, mode: LockMode): void {
  if (mode === 'write' || !keys.has(key)) keys.set(key, mode);
}

/** The part every declaration has: sender, recipient. */
function implicit(tx: ScenarioTx, sender: string, coinbase: string): Declaration {
  const keys = new Map<StateKey, LockMode>();
  put(keys, accountKey(strip(sender)), 'write');
  if (tx.to !== null) {
    const to = strip(tx.to);
    put(keys, accountKey(to), BigInt(tx.value) > 0n ? 'write' : 'read');
    put(keys, codeKey(to), 'read');
    put(keys, genKey(to), 'read');
  }
  return finish({ keys, barrier: false, source: 'access-list' }, coinbase);
}

/** The coinbase account leaves the lock table and makes the transaction a barrier instead. */
function finish(d: Declaration, coinbase: string): Declaration {
  if (d.keys.delete(coinbaseKey(coinbase))) d.barrier = true;
  return d;
}

/** A declaration from the transaction's access list (callers check it has a non-empty one). */
export function fromAccessList(tx: ScenarioTx, sender: string, coinbase: string): Declaration {
  const d = implicit(tx, sender, coinbase);
  for (const item of tx.accessList ?? []) {
    const addr = strip(item.address);
    if (addr === coinbase) d.barrier = true;
    else put(d.keys, accountKey(addr), 'read');
    put(d.keys, codeKey(addr), 'read');
    put(d.keys, genKey(addr), 'read');
    for (const slot of item.storageKeys) put(d.keys, slotKey(addr, slot.slice(2).toLowerCase(), 0), 'write');
  }
  return finish(d, coinbase);
}

/** A declaration from a hint execution's read and write sets (fee credits are deltas and not in `writes`). */
export function fromHint(tx: ScenarioTx, sender: string, coinbase: string, reads: readonly StateKey[], writes: readonly StateKey[]): Declaration {
  const d = implicit(tx, sender, coinbase);
  d.source = 'hint';
  for (const k of reads) put(d.keys, lockKey(k), 'read');
  for (const k of writes) put(d.keys, lockKey(k), 'write');
  return finish(d, coinbase);
}

/**
 * The first key an execution touched outside its declaration (reads need any lock, writes a write lock), or
 * undefined when it stayed inside. `writes` are absolute writes: fee-credit deltas are never checked.
 */
export function firstUndeclared(
  d: Declaration,
  coinbase: string,
  isCreation: boolean,
  reads: readonly StateKey[],
  writes: readonly StateKey[],
): StateKey | undefined {
  const coinbaseAccount = coinbaseKey(coinbase);
  // A creation may touch anything of the contract it creates: the address whose code it writes.
  const created = isCreation ? new Set(writes.filter((k) => keyKind(k) === 'code').map(keyAddress)) : undefined;
  const covered = (key: StateKey, write: boolean): boolean => {
    if (key === coinbaseAccount) return d.barrier;
    if (created?.has(keyAddress(key))) return true;
    const mode = d.keys.get(lockKey(key));
    return mode === 'write' || (!write && mode === 'read');
  };
  return reads.find((k) => !covered(k, false)) ?? writes.find((k) => !covered(k, true));
}
