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

export class CommittedState implements StateReader {
  private readonly values = new Map<StateKey, StateValue>();

  constructor(readonly base: BaseState) {}

  read(key: StateKey): StateValue {
    return this.values.has(key) ? this.values.get(key)! : this.base.get(key);
  }

  apply(w: Pick<WriteSet, 'writes' | 'deltas' | 'codes'>): void {
    for (const [key, value] of w.writes) this.values.set(key, sharingCodeHash(value));
    for (const [key, delta] of w.deltas) this.values.set(key, credit(this.read(key) as AccountValue | null, delta));
    for (const [hash, code] of w.codes) if (!this.base.codes.get(hash)) this.base.codes.put(hash, code);
  }

  /** Balance credit outside any transaction (block rewards, withdrawals). */
  credit(addr: string, amount: bigint): void {
    if (amount === 0n) return;
    const key = accountKey(addr);
    this.values.set(key, credit(this.read(key) as AccountValue | null, amount));
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

  /**
   * The full post-state, account by account, for the state root. Accounts without storage (most of a large block:
   * 200,000 accounts of payments) share one empty map, which nobody may change.
   */
  accounts(): PostAccount[] {
    const addrs = new Set<string>(this.base.slotsByAccount.keys());
    for (const key of this.values.keys()) addrs.add(keyAddress(key));
    const storage = new Map<string, Map<string, bigint>>();
    const slotsOf = (addr: string): Map<string, bigint> => {
      let slots = storage.get(addr);
      if (slots === undefined) storage.set(addr, (slots = new Map()));
      return slots;
    };
    /** Storage generation of each account whose storage was cleared (absent: 0). */
    const gens = new Map<string, number>();
    for (const addr of addrs) {
      const gen = this.read(genKey(addr)) as number;
      if (gen !== 0) gens.set(addr, gen);
      else for (const key of this.base.slotsByAccount.get(addr) ?? []) slotsOf(addr).set(parseSlotKey(key).slot, this.base.get(key) as bigint);
    }
    for (const [key, value] of this.values) {
      if (keyKind(key) !== 'slot') continue;
      const { addr, gen, slot } = parseSlotKey(key);
      if (gen !== (gens.get(addr) ?? 0)) continue;
      slotsOf(addr).set(slot, value as bigint);
    }
    const out: PostAccount[] = [];
    for (const addr of addrs) {
      const a = this.read(accountKey(addr)) as AccountValue | null;
      if (a === null) continue;
      const slots = storage.get(addr);
      if (slots) for (const [s, v] of slots) if (v === 0n) slots.delete(s);
      out.push({ address: addr, nonce: a.nonce, balance: a.balance, codeHash: a.codeHash, storage: slots?.size ? slots : NO_SLOTS });
    }
    return out;
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
