/**
 * `CommittedState`: the block's state as transactions commit, in order, over the `BaseState`.
 * It is also the reader of the sequential executor (one version per key: the latest).
 */
import {
  type AccountValue,
  EMPTY_CODE_HASH,
  type StateKey,
  type StateValue,
  accountKey,
  coinbaseKey,
  genKey,
  keyAddress,
  keyKind,
  parseSlotKey,
} from '../evm/keys.ts';
import type { PostStateReader } from '../evm/roots.ts';
import type { StateReader, WriteSet } from '../evm/stateView.ts';
import type { Scenario } from '../scenario/types.ts';
import type { BaseState } from './baseState.ts';
import { credit, sharingCodeHash } from './multiVersionMemory.ts';

/** The chain rules finalisation asks about: the ethereumjs `Common` of `evm/chain.ts` (`createCommon`) is one. */
export interface ChainRules {
  gteHardfork(hardfork: string): boolean;
}

export interface PostAccount {
  address: string;
  nonce: bigint;
  balance: bigint;
  codeHash: string;
  /** Non-zero slots: unprefixed 32-byte slot hex → value. */
  storage: Map<string, bigint>;
}

/** The storage of every account that has none (shared: never changed). */
const NO_SLOTS: Map<string, bigint> = new Map();

/** What the transactions committed so far wrote, in the form a fresh replica takes it in (`MultiVersionMemory.seed`). */
export interface CommittedSnapshot {
  /** Each written key's last absolute value (before the credits below). */
  values: [StateKey, StateValue][];
  /** The balance credits (fees, lazy credits) each key received since that value. */
  deltas: [StateKey, bigint][];
  /** The code created, by hash. */
  codes: [string, Uint8Array][];
}

export class CommittedState implements StateReader {
  private readonly values = new Map<StateKey, StateValue>();
  /** The keys credited since their last absolute write: that value, and the credits since. A lazy account's shape is
   * read from the absolute value (`MultiVersionMemory.readAbsolute`), so a replica seeded from this state needs both. */
  private readonly credited = new Map<StateKey, { absolute: StateValue; delta: bigint }>();

  constructor(readonly base: BaseState) {}

  read(key: StateKey): StateValue {
    return this.values.has(key) ? this.values.get(key)! : this.base.get(key);
  }

  /** The key's last absolute value, the credits and debits since skipped (a lazy sender's shape: `stateView.ts`). */
  readAbsolute(key: StateKey): StateValue {
    const c = this.credited.get(key);
    return c !== undefined ? c.absolute : this.read(key);
  }

  apply(w: Pick<WriteSet, 'writes' | 'deltas' | 'codes'>): void {
    for (const [key, value] of w.writes) {
      this.values.set(key, sharingCodeHash(value));
      this.credited.delete(key);
    }
    for (const [key, delta] of w.deltas) {
      const before = this.read(key);
      const c = this.credited.get(key);
      if (c) c.delta += delta;
      else this.credited.set(key, { absolute: before, delta });
      this.values.set(key, credit(before as AccountValue | null, delta));
    }
    for (const [hash, code] of w.codes) if (!this.base.codes.get(hash)) this.base.codes.put(hash, code);
  }

  /** Balance credit outside any transaction (block rewards, withdrawals). */
  credit(addr: string, amount: bigint): void {
    if (amount === 0n) return;
    this.apply({ writes: [], deltas: [[accountKey(addr), amount]], codes: [] });
  }

  /** The state so far as a replacement worker's replica starts from it (`runtime/replicaLog.ts`). */
  snapshot(): CommittedSnapshot {
    const values: [StateKey, StateValue][] = [];
    const codes: [string, Uint8Array][] = [];
    for (const [key, value] of this.values) {
      const c = this.credited.get(key);
      values.push([key, c ? c.absolute : value]);
      if (keyKind(key) !== 'code' || value === EMPTY_CODE_HASH) continue;
      const code = this.base.codes.get(value as string);
      if (code !== undefined) codes.push([value as string, code]);
    }
    const deltas: [StateKey, bigint][] = [];
    for (const [key, c] of this.credited) deltas.push([key, c.delta]);
    return { values, deltas, codes };
  }

  /** Block-level steps after the last transaction: miner and uncle rewards (pre-merge), withdrawals (Shanghai). */
  finalizeBlock(scenario: Scenario, common: ChainRules): void {
    const cbKey = coinbaseKey(scenario);
    const coinbase = keyAddress(cbKey);
    if (!common.gteHardfork('paris')) {
      const reward = minerReward(common);
      const uncles = scenario.block.uncles ?? [];
      const number = BigInt(scenario.block.number);
      for (const u of uncles) {
        // Yellow paper: uncle miner gets (8 + uncleNumber - number) / 8 of the reward; the miner 1/32 per uncle.
        this.credit(u.coinbase.slice(2), ((8n + BigInt(u.number) - number) * reward) / 8n);
      }
      this.credit(coinbase, reward + (reward / 32n) * BigInt(uncles.length));
    }
    for (const w of scenario.block.withdrawals ?? []) this.credit(w.address.slice(2), BigInt(w.amount) * 1_000_000_000n);
    // Every transaction touched the coinbase: EIP-161 removes it if it ended empty.
    const cb = this.read(cbKey) as AccountValue | null;
    if (common.gteHardfork('spuriousDragon') && cb && isEmpty(cb) && scenario.transactions.length > 0) {
      this.values.set(cbKey, null);
    }
  }

  /** The full post-state, account by account (`toPreState`). Accounts without storage share one empty map, which
   * nobody may change. */
  accounts(): PostAccount[] {
    const post = this.postState();
    return post.addresses.map((addr) => post.account(addr));
  }

  /**
   * The full post-state, one account at a time: the addresses up front, each account assembled when asked for. The
   * state root of a large block (200,000 accounts of payments) then never holds every account at once.
   */
  postState(): PostStateReader & { account(addr: string): PostAccount } {
    const addrs = new Set<string>(this.base.slotsByAccount.keys());
    /** Slot keys written in the block, per account (any generation). */
    const written = new Map<string, StateKey[]>();
    for (const key of this.values.keys()) {
      const addr = keyAddress(key);
      addrs.add(addr);
      if (keyKind(key) !== 'slot') continue;
      const list = written.get(addr);
      if (list) list.push(key);
      else written.set(addr, [key]);
    }
    const addresses = [...addrs].filter((addr) => this.read(accountKey(addr)) !== null);
    return { addresses, account: (addr) => this.postAccount(addr, written.get(addr) ?? []) };
  }

  private postAccount(addr: string, written: readonly StateKey[]): PostAccount {
    const a = this.read(accountKey(addr)) as AccountValue;
    /** Storage generation: how often it was cleared (the pre-state's slots count only while it is 0). */
    const gen = this.read(genKey(addr)) as number;
    const slots = new Map<string, bigint>();
    if (gen === 0) for (const key of this.base.slotsByAccount.get(addr) ?? []) slots.set(parseSlotKey(key).slot, this.base.get(key) as bigint);
    for (const key of written) {
      const s = parseSlotKey(key);
      if (s.gen === gen) slots.set(s.slot, this.values.get(key) as bigint);
    }
    for (const [s, v] of slots) if (v === 0n) slots.delete(s);
    return { address: addr, nonce: a.nonce, balance: a.balance, codeHash: a.codeHash, storage: slots.size > 0 ? slots : NO_SLOTS };
  }
}

/** Block reward before the merge (EIP-649, EIP-1234). */
function minerReward(common: ChainRules): bigint {
  const eth = 10n ** 18n;
  if (common.gteHardfork('constantinople')) return 2n * eth;
  if (common.gteHardfork('byzantium')) return 3n * eth;
  return 5n * eth;
}

function isEmpty(a: AccountValue): boolean {
  return a.nonce === 0n && a.balance === 0n && a.codeHash === EMPTY_CODE_HASH;
}
