/**
 * `BaseState`: the scenario's pre-state as state keys, the value every key has before transaction 0.
 * Every worker and the coordinator build one from the same scenario (cheap: one pass, codes hashed once).
 */
import { scenarioBlockHash } from '../evm/blockHashes.ts';
import { keccak256 } from '../evm/keccak.ts';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  type AccountValue,
  EMPTY_CODE_HASH,
  type StateKey,
  type StateValue,
  absentValue,
  accountKey,
  codeKey,
  slotKey,
} from '../evm/keys.ts';
import type { CodeStore } from '../evm/stateView.ts';
import { forkAtLeast } from '../scenario/hardforks.ts';
import type { Scenario } from '../scenario/types.ts';

/** EIP-4788 beacon roots contract. */
const BEACON_ROOTS = '000f3df6d732807ef1319fb7b8bb8522d0beac02';
const BEACON_HISTORY = 8191n;
/** EIP-2935 history contract (Prague): the last 8,191 block hashes. */
const HISTORY = '0000f90827f1c53a10cb7a02335b175320002935';
const HISTORY_SERVE_WINDOW = 8191n;

export class MapCodeStore implements CodeStore {
  private readonly map = new Map<string, Uint8Array>();
  get(hash: string) { return this.map.get(hash); }
  put(hash: string, code: Uint8Array) { this.map.set(hash, code); }
  entries() { return this.map.entries(); }
  values() { return this.map.values(); }
}

/** The slot list of every account without storage (most of a large pre-state): one, never changed. */
const NO_SLOTS: readonly StateKey[] = Object.freeze([]);

export class BaseState {
  readonly values = new Map<StateKey, StateValue>();
  /** Storage slots of each pre-state account (slot key list), for building the post-state. */
  readonly slotsByAccount = new Map<string, readonly StateKey[]>();

  constructor(scenario: Scenario, readonly codes: MapCodeStore = new MapCodeStore()) {
    for (const [address, acct] of Object.entries(scenario.preState)) {
      const addr = address.slice(2).toLowerCase();
      let codeHash = EMPTY_CODE_HASH;
      if (acct.code && acct.code !== '0x') {
        const bytes = hexToBytes(acct.code.slice(2));
        codeHash = bytesToHex(keccak256(bytes));
        codes.put(codeHash, bytes);
      }
      const value: AccountValue = { nonce: BigInt(acct.nonce), balance: BigInt(acct.balance), codeHash };
      this.values.set(accountKey(addr), value);
      // An account without code reads the absent code key's value, the empty-code hash, anyway (100,000 accounts of
      // payments: ~6 MB fewer map entries in every thread's copy).
      if (codeHash !== EMPTY_CODE_HASH) this.values.set(codeKey(addr), codeHash);
      const slots: StateKey[] = [];
      for (const [slot, v] of Object.entries(acct.storage ?? {})) {
        const big = BigInt(v);
        if (big === 0n) continue;
        const key = slotKey(addr, slot.slice(2).toLowerCase().padStart(64, '0'), 0);
        this.values.set(key, big);
        slots.push(key);
      }
      this.slotsByAccount.set(addr, slots.length > 0 ? slots : NO_SLOTS);
    }
    this.applySystemCalls(scenario);
  }

  /**
   * The system calls before the first transaction, as their contracts' code would do them (each is a pair of
   * storage writes; a contract without code is skipped, as the EIPs say): Cancun stores the parent beacon root
   * (EIP-4788), Prague the parent block's hash (EIP-2935).
   */
  private applySystemCalls(scenario: Scenario): void {
    const { hardfork } = scenario.chain;
    if (forkAtLeast(hardfork, 'cancun') && this.hasCode(BEACON_ROOTS)) {
      const ts = BigInt(scenario.block.timestamp);
      const idx = ts % BEACON_HISTORY;
      this.putSlot(BEACON_ROOTS, idx, ts);
      this.putSlot(BEACON_ROOTS, idx + BEACON_HISTORY, BigInt(scenario.block.parentBeaconBlockRoot ?? '0x0'));
    }
    const number = BigInt(scenario.block.number);
    if (forkAtLeast(hardfork, 'prague') && number > 0n && this.hasCode(HISTORY)) {
      const parent = bytesToHex(scenarioBlockHash(scenario, number - 1n));
      this.putSlot(HISTORY, (number - 1n) % HISTORY_SERVE_WINDOW, BigInt(`0x${parent}`));
    }
  }

  private hasCode(addr: string): boolean {
    const acct = this.values.get(accountKey(addr)) as AccountValue | undefined;
    return acct !== undefined && acct.codeHash !== EMPTY_CODE_HASH;
  }

  private putSlot(addr: string, slot: bigint, v: bigint): void {
    const key = slotKey(addr, slot.toString(16).padStart(64, '0'), 0);
    if (v === 0n) this.values.delete(key);
    else this.values.set(key, v);
    const list = this.slotsByAccount.get(addr)!;
    if (!list.includes(key)) this.slotsByAccount.set(addr, [...list, key]);
  }

  get(key: StateKey): StateValue {
    const v = this.values.get(key);
    return v === undefined ? absentValue(key) : v;
  }
}

const bases = new WeakMap<Scenario, BaseState>();

/**
 * The `BaseState` of a scenario, built once per scenario object and thread (hashing every contract's code is the
 * expensive part: ~100 ms for a mainnet block). A base is never changed after construction, except that code created
 * during a run is added to its content-addressed code store, which is harmless to share.
 */
export function baseStateOf(scenario: Scenario): BaseState {
  let base = bases.get(scenario);
  if (base === undefined) bases.set(scenario, (base = new BaseState(scenario)));
  return base;
}
