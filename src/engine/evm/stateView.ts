/**
 * `TxStateView`: what one running transaction sees, and the only state manager the VM ever talks to.
 *
 * A stack of `Map` layers (a checkpoint is an empty layer push) over a `StateReader` that answers with the value a key
 * has *for this transaction* (pre-state, or the latest write of an earlier transaction). Every value that reaches the
 * reader is recorded once as the read set; the layers are the write set. Writes equal to what was read are dropped at
 * the end, so a call that re-stores an unchanged account conflicts with nobody.
 *
 * The coinbase fee credit is a commutative delta: when the first touch of the coinbase happens after the EVM call
 * returned (runTx crediting the fee), the view reads nothing — it hands runTx an absent account — and reports the
 * resulting balance as a delta. A transaction that reads the coinbase during execution still reads its full value
 * (and so depends on every earlier fee credit).
 *
 * With `lazyCredits` on (`block-stm-deltas`) the same idea extends to every account, and with a `lazySender` to the
 * transaction's own sender (its nonce and debit): see `lazyAccount.ts`.
 *
 * Storage emptiness (EIP-7610: creating a contract where storage is non-empty is a collision) is no key of its own.
 * ethereumjs asks for it as the account's `storageRoot`, and only for an account without nonce and code (the other
 * collisions are decided first). Such an account can hold storage only from the pre-state — storage is written by
 * code running at the address, which a creation (nonce 1) precedes — so the view answers from the pre-state's slots
 * of the account's generation 0, each a tracked read (and a wipe, a read of the generation, empties it).
 */
import type { AccountFields, StateManagerInterface } from '@ethereumjs/common';
import {
  Account,
  type Address,
  KECCAK256_RLP,
  bigIntToUnpaddedBytes,
  bytesToBigInt,
  bytesToUnprefixedHex,
  hexToBytes,
} from '@ethereumjs/util';
import { keccak256 } from './keccak.ts';
import {
  type AccountValue,
  EMPTY_CODE_HASH,
  type StateKey,
  type StateValue,
  accountKey,
  codeKey,
  genKey,
  slotKey,
  packDelta,
  valuesEqual,
} from './keys.ts';
import { LazyAccount, type LazyHost, type LazyRecord, isNonEmptyAccount, senderRead, shapeRead } from './lazyAccount.ts';

/** Answers reads for one transaction. May throw `EstimateRead` when the value is about to be rewritten. */
export interface StateReader {
  read(key: StateKey): StateValue;
  /** The key's last absolute value for this transaction, earlier balance deltas skipped (lazy credits only). */
  readAbsolute?(key: StateKey): StateValue;
}

/** The transaction's sender, to be read lazily (`lazyAccount.ts`, lazy senders). */
export interface LazySender {
  /** Unprefixed lowercase address. */
  addr: string;
  /** The transaction's nonce: what the account must have. */
  nonce: bigint;
  /** The least balance the transaction needs (runTx's checks). */
  required: bigint;
  /** The reader is the exact state (the sequential path): check the condition now, and read in full if it fails. */
  exact: boolean;
}

/** Content-addressed contract code (hash → bytes), shared by all views of a worker. */
export interface CodeStore {
  get(hash: string): Uint8Array | undefined;
  put(hash: string, code: Uint8Array): void;
}

/** Thrown by a reader when the value belongs to a transaction that is being re-executed (Block-STM ESTIMATE). */
export class EstimateRead extends Error {
  readonly key: StateKey;
  readonly blockingTx: number;

  constructor(key: StateKey, blockingTx: number) {
    // Control flow, not a failure: thrown and caught by the thousand, so no stack is captured.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`read of ${key} depends on transaction ${blockingTx}, which is being re-executed`);
    Error.stackTraceLimit = limit;
    this.key = key;
    this.blockingTx = blockingTx;
  }
}

const NO_ROOT = new Uint8Array(32);

export interface WriteSet {
  /** Absolute writes, in the order first written. */
  writes: [StateKey, StateValue][];
  /** Commutative balance credits (the coinbase fee). */
  deltas: [StateKey, bigint][];
  /** Code created by this transaction: hash → bytes. */
  codes: [string, Uint8Array][];
}

/** Which storage slots each pre-state account has (non-zero values, generation 0): `BaseState.slotsByAccount`. */
export type PreStateSlots = ReadonlyMap<string, readonly StateKey[]>;

/** What a view needs of the pre-state besides single keys: the code store, and the slots of each account. */
export interface PreStateIndex {
  readonly codes: CodeStore;
  readonly slotsByAccount: PreStateSlots;
}

const EMPTY = new Uint8Array(0);
/** A stand-in storage root for non-empty storage: only its difference from the empty root is ever looked at. */
const NON_EMPTY_STORAGE_ROOT = new Uint8Array(32).fill(0xff);
const toHex = (a: Address): string => bytesToUnprefixedHex(a.bytes);

/** Code hashes as the EVM's accounts hold them, decoded once per hash (every account read built one from hex: 4 % of a
 * worker's time on block 13,287,210), and the way back for the arrays handed out (every account write encoded one).
 * Shared arrays: nothing writes into an account's code hash (new code makes a new one). One entry per contract, so
 * the table is only emptied if a pathological block fills it. */
const codeHashes = new Map<string, Uint8Array>();
const codeHashHexes = new WeakMap<Uint8Array, string>();
function codeHashBytes(hex: string): Uint8Array {
  let bytes = codeHashes.get(hex);
  if (bytes === undefined) {
    if (codeHashes.size >= 65_536) codeHashes.clear();
    codeHashes.set(hex, (bytes = hexToBytes(`0x${hex}`)));
    codeHashHexes.set(bytes, hex);
  }
  return bytes;
}
const codeHashHex = (bytes: Uint8Array): string => codeHashHexes.get(bytes) ?? bytesToUnprefixedHex(bytes);

export class TxStateView implements StateManagerInterface, LazyHost {
  private reader!: StateReader;
  private layers: Map<StateKey, StateValue>[] = [];
  /** First value each key had for this transaction, as the reader answered. */
  readonly reads = new Map<StateKey, StateValue>();
  private newCodes = new Map<string, Uint8Array>();
  /** Set by the executor once the EVM call has returned: a first coinbase touch from then on is the fee credit. */
  feePhase = false;
  /** The coinbase was first touched by the fee credit: its write is a delta. */
  private feeDelta = false;
  /** Lazy credits (`block-stm-deltas`): first touches of non-empty accounts read only their shape. */
  lazyCredits = false;
  /** Set by the executor while the EVM adds a call's value to its recipient. */
  crediting = false;
  /** Lazy senders: set by the executor for each transaction, consumed by the sender's first touch. */
  lazySender: LazySender | undefined;
  /** Set by the executor: EVM call depth (0: runTx before its call, or after it once `feePhase`). */
  callDepth = 0;
  /** Set by the executor while the EVM takes a call's value from its caller. */
  debiting = false;
  /** A lazy sender, materialised, did not have the nonce or balance it stood in for: this attempt is void. */
  senderMismatch = false;
  /** A materialising read met an ESTIMATE inside the EVM, where a throw could be swallowed: this attempt is void. */
  blocked: EstimateRead | undefined;
  private lazy = new Map<string, LazyRecord>();

  readonly originalStorageCache = {
    get: async (address: Address, key: Uint8Array): Promise<Uint8Array> => {
      const addr = toHex(address);
      const gen = this.readThrough(genKey(addr)) as number;
      return slotBytes(this.readThrough(slotKey(addr, bytesToUnprefixedHex(key), gen)) as bigint);
    },
    clear: (): void => {},
  };

  constructor(private readonly codes: CodeStore, private coinbase: string, private readonly preSlots: PreStateSlots = new Map()) {}

  /** Starts a fresh transaction. */
  reset(reader: StateReader, coinbase: string = this.coinbase): void {
    this.reader = reader;
    this.coinbase = coinbase;
    this.layers = [new Map()];
    this.reads.clear();
    this.newCodes.clear();
    this.feePhase = false;
    this.feeDelta = false;
    this.crediting = false;
    this.lazySender = undefined;
    this.callDepth = 0;
    this.debiting = false;
    this.senderMismatch = false;
    this.blocked = undefined;
    this.lazy.clear();
  }

  /** The transaction's sender is still a lazy record (it stood in for its validity conditions). */
  senderIsLazy(): boolean {
    for (const rec of this.lazy.values()) if (rec.sender && rec.offset === undefined) return true;
    return false;
  }

  /** `LazyHost`: a credit's own balance access never observes; a lazy sender's does not outside the EVM's code
   * (runTx's checks, debit and refund) nor while its call's value is taken. */
  quiet(rec: LazyRecord): boolean {
    return this.crediting || (rec.sender === true && (this.callDepth === 0 || this.debiting));
  }

  private readThrough(key: StateKey): StateValue {
    if (this.reads.has(key)) return this.reads.get(key)!;
    const value = this.reader.read(key);
    this.reads.set(key, value);
    return value;
  }

  private lookup(key: StateKey): StateValue {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (layer.has(key)) return layer.get(key)!;
    }
    return this.readThrough(key);
  }

  private write(key: StateKey, value: StateValue): void {
    this.layers[this.layers.length - 1].set(key, value);
  }

  private accountValue(addr: string): AccountValue | null {
    const key = accountKey(addr);
    const rec = this.lazy.get(addr);
    if (rec !== undefined) this.materialise(rec);
    if (addr === this.coinbase && this.feePhase && !this.reads.has(key) && !this.isWritten(key)) {
      this.feeDelta = true;
      return null;
    }
    return this.lookup(key) as AccountValue | null;
  }

  private isWritten(key: StateKey): boolean {
    return this.layers.some((l) => l.has(key));
  }

  /** The account's active lazy record, starting one on its first touch when it is eligible. */
  private lazyRecord(addr: string): LazyRecord | undefined {
    const rec = this.lazy.get(addr);
    if (rec !== undefined) return rec.offset === undefined ? rec : undefined;
    const sender = this.lazySender !== undefined && addr === this.lazySender.addr ? this.lazySender : undefined;
    if (!this.lazyCredits && sender === undefined) return undefined;
    const key = accountKey(addr);
    if (this.reader.readAbsolute === undefined || this.reads.has(key) || this.isWritten(key)) return undefined;
    // A sender that is the fee recipient (a pool paying out) takes its fee into the same delta.
    if (sender !== undefined) return this.senderRecord(sender, key);
    if (addr === this.coinbase) return undefined;
    // Absent or empty accounts are read in full: creating one changes gas (EIP-161) for later readers.
    const v = this.reader.readAbsolute(key);
    if (!isNonEmptyAccount(v)) return undefined;
    const created: LazyRecord = { addr, base: v.balance, nonce: v.nonce, codeHash: v.codeHash, offset: undefined };
    this.lazy.set(addr, created);
    this.reads.set(key, shapeRead(v));
    return created;
  }

  /** The sender's first touch: lazy when it exists as an EOA (in its last absolute version) and, on the exact state,
   * meets its condition; otherwise read in full, and runTx judges it. */
  private senderRecord(s: LazySender, key: StateKey): LazyRecord | undefined {
    this.lazySender = undefined;
    const v = this.reader.readAbsolute!(key);
    if (v === null || typeof v !== 'object' || v.codeHash !== EMPTY_CODE_HASH) return undefined;
    // On the exact state the EVM gets the real balance (so the sequential reference executes exactly as with full
    // reads, whatever this class gets wrong about observations); only the read and write sets say "condition" and
    // "delta". Elsewhere it gets the least balance the transaction needs, which whenever the conditions hold is no
    // more than the real one (a credit to it can then never overflow where the real one would not).
    let base = s.required;
    if (s.exact) {
      const real = this.reader.read(key) as AccountValue | null;
      if (real === null || real.nonce !== s.nonce || real.balance < s.required) return undefined;
      base = real.balance;
    }
    const created: LazyRecord = { addr: s.addr, base, nonce: s.nonce, codeHash: v.codeHash, offset: undefined, sender: true };
    this.lazy.set(s.addr, created);
    this.reads.set(key, senderRead(v.codeHash, s.nonce, s.required));
    return created;
  }

  /** The lazy account's current value in its relative frame (never null: deleting materialises first). */
  private lazyValue(rec: LazyRecord): AccountValue {
    const key = accountKey(rec.addr);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      if (this.layers[i].has(key)) return this.layers[i].get(key) as AccountValue;
    }
    return { nonce: rec.nonce, balance: rec.base, codeHash: rec.codeHash };
  }

  /** Something observes a lazy account's balance: read it for real and rebase every relative value. */
  materialise(rec: LazyRecord): void {
    if (rec.offset !== undefined) return;
    const key = accountKey(rec.addr);
    let real: AccountValue;
    try {
      const got = this.reader.read(key) as AccountValue | null;
      if (got === null && rec.sender) this.senderMismatch = true;
      real = got ?? { nonce: rec.nonce, balance: rec.base, codeHash: rec.codeHash };
    } catch (e) {
      if (!(e instanceof EstimateRead)) throw e;
      this.blocked ??= e;
      real = { nonce: rec.nonce, balance: rec.base, codeHash: rec.codeHash };
    }
    this.reads.set(key, real);
    // A sender stood in for its validity conditions; if the real account breaks them, so does this execution.
    if (rec.sender && (real.nonce !== rec.nonce || real.balance < rec.base)) this.senderMismatch = true;
    const offset = real.balance - rec.base;
    rec.offset = offset;
    for (const layer of this.layers) {
      const v = layer.get(key) as AccountValue | null | undefined;
      if (v) layer.set(key, { ...v, balance: v.balance + offset });
    }
  }

  async getAccount(address: Address): Promise<Account | undefined> {
    const addr = toHex(address);
    const rec = this.lazyRecord(addr);
    if (rec !== undefined) {
      const lv = this.lazyValue(rec);
      return this.probeStorage(new LazyAccount(lv.nonce, lv.balance, codeHashBytes(lv.codeHash), this, rec), addr);
    }
    const v = this.accountValue(addr);
    if (v === null) return undefined;
    return this.probeStorage(new Account(v.nonce, v.balance, KECCAK256_RLP, codeHashBytes(v.codeHash)), addr);
  }

  /**
   * An account that may have pre-state storage and nothing else (no nonce, no code) answers `storageRoot` from its
   * storage, read when asked: the EIP-7610 collision check is the only reader (see the header comment).
   */
  private probeStorage<A extends Account>(account: A, addr: string): A {
    if (account.nonce !== 0n || !(this.preSlots.get(addr)?.length) || codeHashHex(account.codeHash) !== EMPTY_CODE_HASH) return account;
    Object.defineProperty(account, 'storageRoot', {
      get: () => (this.storageEmpty(addr) ? KECCAK256_RLP : NON_EMPTY_STORAGE_ROOT),
      set: (root: Uint8Array) => Object.defineProperty(account, 'storageRoot', { value: root, writable: true }),
      configurable: true,
    });
    return account;
  }

  /** Whether the account's storage is empty now, from tracked reads: its generation, then its pre-state slots. */
  private storageEmpty(addr: string): boolean {
    try {
      if ((this.lookup(genKey(addr)) as number) !== 0) return true; // wiped since the pre-state: see the header
      for (const key of this.preSlots.get(addr) ?? []) if ((this.lookup(key) as bigint) !== 0n) return false;
      return true;
    } catch (e) {
      // Asked inside the EVM, where a throw could be swallowed: this attempt is void.
      if (!(e instanceof EstimateRead)) throw e;
      this.blocked ??= e;
      return false;
    }
  }

  async putAccount(address: Address, account?: Account): Promise<void> {
    const addr = toHex(address);
    const rec = this.lazy.get(addr);
    if (rec !== undefined && rec.offset === undefined) {
      if (account instanceof LazyAccount && account.record === rec) {
        // Still relative: stored as is, reported as a delta at the end.
        const codeHash = codeHashHex(account.codeHash);
        return this.write(accountKey(addr), { nonce: account.nonce, balance: account.frameBalance(), codeHash });
      }
      this.materialise(rec); // an absolute value replaces it
    }
    if (account === undefined) return this.write(accountKey(addr), null);
    this.write(accountKey(addr), {
      nonce: account.nonce,
      balance: account.balance,
      codeHash: codeHashHex(account.codeHash),
    });
  }

  async deleteAccount(address: Address): Promise<void> {
    const addr = toHex(address);
    const current = this.accountValue(addr);
    const hadCode = current !== null && current.codeHash !== EMPTY_CODE_HASH;
    // Wipe storage only where there can be some: an empty account (EIP-161 clean-up) has none.
    if (current !== null && (hadCode || current.nonce !== 0n || current.balance !== 0n)) {
      this.write(genKey(addr), (this.lookup(genKey(addr)) as number) + 1);
    }
    if (hadCode) this.write(codeKey(addr), EMPTY_CODE_HASH);
    this.write(accountKey(addr), null);
  }

  async modifyAccountFields(address: Address, fields: AccountFields): Promise<void> {
    const account = (await this.getAccount(address)) ?? new Account();
    if (fields.nonce !== undefined) account.nonce = fields.nonce;
    if (fields.balance !== undefined) account.balance = fields.balance;
    if (fields.codeHash !== undefined) account.codeHash = fields.codeHash;
    await this.putAccount(address, account);
  }

  async putCode(address: Address, value: Uint8Array): Promise<void> {
    const addr = toHex(address);
    const hashBytes = keccak256(value);
    const hash = bytesToUnprefixedHex(hashBytes);
    if (!this.codes.get(hash)) {
      this.codes.put(hash, value);
    }
    this.newCodes.set(hash, value);
    this.write(codeKey(addr), hash);
    await this.modifyAccountFields(address, { codeHash: hashBytes });
  }

  async getCode(address: Address): Promise<Uint8Array> {
    const hash = this.lookup(codeKey(toHex(address))) as string;
    if (hash === EMPTY_CODE_HASH) return EMPTY;
    const code = this.codes.get(hash);
    if (code === undefined) throw new Error(`code ${hash} of ${address.toString()} is not in the code store`);
    return code;
  }

  async getCodeSize(address: Address): Promise<number> {
    return (await this.getCode(address)).length;
  }

  async getStorage(address: Address, key: Uint8Array): Promise<Uint8Array> {
    const addr = toHex(address);
    const gen = this.lookup(genKey(addr)) as number;
    return slotBytes(this.lookup(slotKey(addr, bytesToUnprefixedHex(key), gen)) as bigint);
  }

  async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    const addr = toHex(address);
    const gen = this.lookup(genKey(addr)) as number;
    this.write(slotKey(addr, bytesToUnprefixedHex(key), gen), bytesToBigInt(value));
  }

  async clearStorage(address: Address): Promise<void> {
    const addr = toHex(address);
    this.write(genKey(addr), (this.lookup(genKey(addr)) as number) + 1);
  }

  async checkpoint(): Promise<void> {
    this.layers.push(new Map());
  }

  async commit(): Promise<void> {
    const top = this.layers.pop()!;
    const below = this.layers[this.layers.length - 1];
    for (const [k, v] of top) below.set(k, v);
  }

  async revert(): Promise<void> {
    this.layers.pop();
  }

  /** The transaction's effects: writes that change something, the fee delta, and new code. */
  writeSet(): WriteSet {
    this.settleLazy();
    const merged = new Map<StateKey, StateValue>();
    for (const layer of this.layers) for (const [k, v] of layer) merged.set(k, v);
    const writes: [StateKey, StateValue][] = [];
    const deltas: [StateKey, bigint][] = [];
    for (const [key, value] of merged) {
      if (this.feeDelta && key === accountKey(this.coinbase)) {
        // Credited from zero: the balance is the fee. A clean-up delete (a zero fee, EIP-161) is no change at all; a
        // zero fee before EIP-161 still leaves the coinbase existing, which a zero credit does (`credit` of no account).
        const delta = (value as AccountValue | null)?.balance ?? 0n;
        if (delta !== 0n || value !== null) deltas.push([key, delta]);
        continue;
      }
      const rec = this.lazy.size > 0 && key.charCodeAt(0) === 97 ? this.lazy.get(key.slice(1)) : undefined;
      if (rec !== undefined && rec.offset === undefined) {
        const v = value as AccountValue;
        const delta = rec.sender ? packDelta(v.balance - rec.base, v.nonce - rec.nonce) : v.balance - rec.base;
        if (delta !== 0n) deltas.push([key, delta]);
        continue;
      }
      if (this.reads.has(key) && valuesEqual(this.reads.get(key)!, value)) continue;
      writes.push([key, value]);
    }
    const codes: [string, Uint8Array][] = [];
    for (const [hash, code] of this.newCodes) codes.push([hash, code]);
    return { writes, deltas, codes };
  }

  /** A lazy account whose nonce or code changed (or whose balance fell) is no pure credit: materialise it. A lazy
   * sender's nonce and balance may move (its increment and debit); not its code. */
  private settleLazy(): void {
    for (const rec of this.lazy.values()) {
      if (rec.offset !== undefined) continue;
      const v = this.lazyValue(rec);
      if (v.codeHash !== rec.codeHash || (!rec.sender && (v.nonce !== rec.nonce || v.balance < rec.base))) this.materialise(rec);
    }
  }

  // A state root is computed from the committed state instead, off the critical path. Before Byzantium runTx asks for
  // one for its receipt: it gets a stand-in, and the engine puts the real roots in (`evm/intermediateRoots.ts`).
  getStateRoot(): Promise<Uint8Array> { return Promise.resolve(NO_ROOT); }
  setStateRoot(): Promise<void> { throw new Error('TxStateView has no state root'); }
  hasStateRoot(): Promise<boolean> { throw new Error('TxStateView has no state root'); }
  clearCaches(): void {}
  shallowCopy(): StateManagerInterface { throw new Error('TxStateView cannot be copied'); }
}

function slotBytes(v: bigint): Uint8Array {
  return v === 0n ? EMPTY : bigIntToUnpaddedBytes(v);
}
