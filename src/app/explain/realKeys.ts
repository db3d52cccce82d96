/**
 * State keys of a real block in words, from what the block itself shows: no source, no storage layout, only the
 * pre-state, the transactions and the logs of the run.
 *
 * - An account: the block's fee recipient (the miner), a sender (its nonce), a known contract's own ETH balance.
 * - A contract recognised by its code or its layout: WETH9 (code hash), a Uniswap V2–style pair (two token
 *   addresses in slots 6 and 7 and a reserves word in slot 8 whose top 32 bits are a recent timestamp, or a `Sync`
 *   event), an ERC-20 token (it emits `Transfer`, or is called with `transfer` / `transferFrom`).
 * - A mapping entry keccak(pad(key) . pad(n)) for a small slot n (Solidity's layout): recovered by hashing every
 *   address the block mentions (senders, recipients, call arguments, log topics, the pre-state) and small numbers
 *   against slots 0..10. On a token, an entry keyed by an address its transfers name (its Transfer logs, calls to its
 *   transfer / transferFrom) is taken for its `balanceOf`; on WETH9, the mapping at slot 3 is.
 * - Any other slot: by its number, and by the calls that touch it (well-known selectors by name).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { accountKey, keyAddress, keyKind, parseSlotKey } from '../../engine/evm/keys.ts';
import type { Log, Receipt } from '../../engine/result.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { bare, callWords, shortAddress } from './addressBook.ts';

/** keccak256 of WETH9's runtime code (mainnet 0xc02a…6cc2), and its length: only code that long is hashed. */
export const WETH9_CODE_HASH = 'd0a06b12ac47863b5c7be4185c2deaad1c61557033f56c7d4ea74429cbb25e23';
const WETH9_CODE_BYTES = 3124;
/** keccak256("Transfer(address,address,uint256)") and ("Sync(uint112,uint112)"). */
export const TRANSFER_TOPIC = 'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
export const SYNC_TOPIC = '1c411e9a96e071241c2f21f7726b17ae89e3cab4c78be50e062b03a9fffbbad1';
/** Mapping slots tried: Solidity puts a contract's first variables at 0, 1, 2, … */
const MAPPING_SLOTS = 11;
/** Small numbers tried as mapping keys (ids, indices). */
const SMALL_KEYS = 256;
/** Log words tried for one key, at most (the words of the logs of the transactions involved). */
const MAX_LOG_WORDS = 2000;
const SLOT_WORDS = Array.from({ length: MAPPING_SLOTS }, (_, n) => {
  const w = new Uint8Array(32);
  w[31] = n;
  return w;
});
/** WETH9's layout: name, symbol, decimals, then balanceOf at 3 and allowance at 4. */
const WETH_BALANCE_OF = 3;

/** Functions real blocks call most, by signature; their selectors are computed, never typed in. */
const SIGNATURES = [
  'transfer(address,uint256)', 'transferFrom(address,address,uint256)', 'approve(address,uint256)', 'deposit()', 'withdraw(uint256)',
  'mint()', 'mint(uint256)', 'mint(address,uint256)', 'claim()', 'swap(uint256,uint256,address,bytes)', 'execute(bytes,bytes[],uint256)',
  'execute(bytes,bytes[])', 'multicall(bytes[])', 'multicall(uint256,bytes[])', 'swapExactTokensForTokens(uint256,uint256,address[],address,uint256)',
  'swapExactETHForTokens(uint256,address[],address,uint256)', 'swapExactTokensForETH(uint256,uint256,address[],address,uint256)',
  'exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))', 'setApprovalForAll(address,bool)',
  'safeTransferFrom(address,address,uint256)', 'commit(bytes32)',
];

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function toHex(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) out += HEX[b[i]!];
  return out;
}
const fromHex = (h: string): Uint8Array => Uint8Array.from({ length: h.length / 2 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
const word = (hexNoPrefix: string): string => hexNoPrefix.toLowerCase().padStart(64, '0');
const selectorOf = (sig: string): string => `0x${toHex(keccak_256(new TextEncoder().encode(sig))).slice(0, 8)}`;
const KNOWN_SELECTORS = new Map(SIGNATURES.map((s) => [selectorOf(s), s.replace(/\(.*$/, '()')]));

/** `withdraw()` for a known selector, else the selector itself. */
export function functionName(selector: string): string {
  return KNOWN_SELECTORS.get(selector.toLowerCase()) ?? selector.toLowerCase();
}

export type ContractKind = 'WETH' | 'Uniswap V2 pair' | 'ERC-20 token' | 'NFT collection';

export interface RealKeyName {
  /** In words: `WETH’s own ETH balance`, `token 0xb528…b997’s balanceOf[0x6cc5…fda7]`. */
  text: string;
  kind: 'miner' | 'sender' | 'account' | 'contract balance' | 'token balance' | 'reserves' | 'mapping' | 'slot' | 'code';
  /** The contract's kind, when recognised. */
  contract?: ContractKind;
}

export interface BlockFacts {
  /** Each transaction's sender (a run's `senders`; real blocks carry signatures, not senders). */
  senders: readonly string[];
  /** The run's receipts, for the logs (token transfers name holders; `Sync` names pairs). */
  receipts?: readonly Receipt[];
}

export class RealKeys {
  private readonly kinds = new Map<string, ContractKind>();
  /** Per token: the addresses its transfers name (Transfer logs' from and to; transfer calls' sender and arguments). */
  private readonly holders = new Map<string, Set<string>>();
  private readonly txCount = new Map<string, number>();
  /** Mapping entries hashed so far: slot (64 hex) → key word and mapping slot; and the key words already tried. */
  private readonly entries = new Map<string, { key: string; slot: number }>();
  private readonly tried = new Set<string>();
  private baseTried = false;
  readonly coinbase: string;
  /** Before the merge the fee recipient is the block's miner; after it, a validator's or builder's address. */
  readonly recipient: string;

  constructor(readonly scenario: Scenario, readonly facts: BlockFacts) {
    this.coinbase = bare(scenario.block.coinbase);
    this.recipient = scenario.block.prevRandao === undefined ? 'the miner' : 'the fee recipient';
    for (const s of facts.senders) this.txCount.set(bare(s), (this.txCount.get(bare(s)) ?? 0) + 1);
    const logs = (facts.receipts ?? []).flatMap((r) => r.logs);
    const emits = (topic: string, topics?: number) =>
      new Set(logs.filter((l) => bare(l.topics[0] ?? '') === topic && (topics === undefined || l.topics.length === topics)).map((l) => bare(l.address)));
    // ERC-20's Transfer indexes from and to (3 topics); ERC-721's indexes the token id too (4).
    const transfers = emits(TRANSFER_TOPIC, 3);
    const nftTransfers = emits(TRANSFER_TOPIC, 4);
    const syncs = emits(SYNC_TOPIC);
    const tokenCalls = new Set(scenario.transactions.filter((t) => t.to && /^0x(a9059cbb|23b872dd)/.test(t.input)).map((t) => bare(t.to!)));
    const holder = (token: string, addr: string) => {
      let set = this.holders.get(token);
      if (!set) this.holders.set(token, (set = new Set()));
      set.add(addr);
    };
    for (const l of logs) {
      if (bare(l.topics[0] ?? '') !== TRANSFER_TOPIC) continue;
      for (const t of l.topics.slice(1, 3)) holder(bare(l.address), bare(t).slice(24));
    }
    scenario.transactions.forEach((t, i) => {
      if (!t.to || !/^0x(a9059cbb|23b872dd)/.test(t.input)) return;
      if (facts.senders[i]) holder(bare(t.to), bare(facts.senders[i]!));
      for (const w of callWords(t.input).slice(0, 2)) holder(bare(t.to), w.slice(24));
    });
    for (const [addr, acct] of Object.entries(scenario.preState)) {
      const a = bare(addr);
      const code = acct.code && acct.code !== '0x' ? acct.code.slice(2).toLowerCase() : '';
      if (!code) continue;
      if (code.length === 2 * WETH9_CODE_BYTES && toHex(keccak_256(fromHex(code))) === WETH9_CODE_HASH) this.kinds.set(a, 'WETH');
      else if (syncs.has(a) || looksLikeV2Pair(acct.storage ?? {}, BigInt(scenario.block.timestamp))) this.kinds.set(a, 'Uniswap V2 pair');
      else if (nftTransfers.has(a)) this.kinds.set(a, 'NFT collection');
      else if (transfers.has(a) || tokenCalls.has(a)) this.kinds.set(a, 'ERC-20 token');
    }
  }

  /** What the contract at `addr` is, when recognised. */
  kindOf(addr: string): ContractKind | undefined {
    return this.kinds.get(bare(addr));
  }

  /** How many of the block's transactions `addr` sends. */
  sent(addr: string): number {
    return this.txCount.get(bare(addr)) ?? 0;
  }

  /** An address in words: `WETH`, `Uniswap V2 pair 0x3fda…be6d`, `token 0xb528…b997`, `the miner 0x1ad9…5836`. */
  who(addr: string): string {
    const a = bare(addr);
    if (a === this.coinbase) return `${this.recipient} ${shortAddress(a)}`;
    const kind = this.kinds.get(a);
    if (kind === 'WETH') return 'WETH';
    if (kind === 'Uniswap V2 pair') return `Uniswap V2 pair ${shortAddress(a)}`;
    if (kind === 'ERC-20 token') return `token ${shortAddress(a)}`;
    if (kind === 'NFT collection') return `NFT collection ${shortAddress(a)}`;
    const code = this.scenario.preState[`0x${a}`]?.code;
    return code && code !== '0x' ? `contract ${shortAddress(a)}` : shortAddress(a);
  }

  /** `key` in words; `txs`: the transactions involved with it, whose logs may hold a mapping's key. */
  name(key: string, txs: readonly number[] = []): RealKeyName {
    const addr = keyAddress(key);
    const kind = this.kinds.get(addr);
    const who = this.who(addr);
    const contract = kind ? { contract: kind } : {};
    switch (keyKind(key)) {
      case 'account': {
        if (addr === this.coinbase) return { text: `${this.recipient}’s account (${shortAddress(addr)}, the block’s coinbase: balance and nonce)`, kind: 'miner' };
        if (kind === 'WETH') return { text: 'WETH’s own ETH balance (what every withdraw() pays out of)', kind: 'contract balance', ...contract };
        const n = this.sent(addr);
        if (n > 1) return { text: `${shortAddress(addr)}’s nonce and balance (it sends ${n} of the block’s transactions)`, kind: 'sender' };
        return { text: `${who}’s ${kind || this.hasCode(addr) ? 'ETH balance' : 'balance and nonce'}`, kind: 'account', ...contract };
      }
      case 'code':
        return { text: `${who}’s code`, kind: 'code', ...contract };
      case 'gen':
        return { text: `${who}’s storage generation (how often it was wiped)`, kind: 'code', ...contract };
      case 'slot': {
        const slot = BigInt(`0x${parseSlotKey(key).slot}`);
        if (kind === 'Uniswap V2 pair' && slot === 8n) return { text: `${who}’s reserves (slot 8: reserve0, reserve1 and the time of their last update)`, kind: 'reserves', ...contract };
        const entry = this.mappingEntry(parseSlotKey(key).slot, txs);
        if (entry) {
          const holder = entry.key.startsWith('0'.repeat(24)) && BigInt(`0x${entry.key}`) >= 1n << 64n ? this.who(entry.key.slice(24)) : BigInt(`0x${entry.key}`).toString();
          // A token's mapping keyed by an address its transfers name is taken for its balances.
          const isBalance = (kind === 'WETH' && entry.slot === WETH_BALANCE_OF) || (kind === 'ERC-20 token' && this.holders.get(addr)?.has(entry.key.slice(24)) === true);
          if (isBalance) return { text: `${who}’s balanceOf[${holder}] (the mapping at slot ${entry.slot})`, kind: 'token balance', ...contract };
          return { text: `${who}’s mapping at slot ${entry.slot}, entry [${holder}]`, kind: 'mapping', ...contract };
        }
        const n = slot < 1n << 64n ? slot.toString() : `0x${parseSlotKey(key).slot.replace(/^0+/, '').slice(0, 8)}…`;
        return { text: `storage slot ${n} of ${who}`, kind: 'slot', ...contract };
      }
    }
  }

  /** The functions of `addr` the given transactions call (named where the selector is well known). */
  callsTo(addr: string, txs: Iterable<number>): string[] {
    const out = new Set<string>();
    for (const i of txs) {
      const t = this.scenario.transactions[i];
      if (t?.to && bare(t.to) === bare(addr) && t.input.length >= 10) out.add(functionName(t.input.slice(0, 10)));
    }
    return [...out];
  }

  private hasCode(addr: string): boolean {
    const code = this.scenario.preState[`0x${addr}`]?.code;
    return code !== undefined && code !== '0x';
  }

  /**
   * A mapping entry's key and slot: every candidate key is hashed once with slots 0..10 and remembered. First the
   * block's own addresses and small numbers; then the words of the logs of the transactions involved (a block's logs
   * can hold 10,000 transfers: hashing all of them for every block would take seconds).
   */
  private mappingEntry(slotHex: string, txs: readonly number[]): { key: string; slot: number } | undefined {
    const slot = slotHex.toLowerCase().padStart(64, '0');
    if (!this.baseTried) {
      this.baseTried = true;
      this.tryKeys(this.candidateKeys());
    }
    let hit = this.entries.get(slot);
    if (hit) return hit;
    const words = new Set<string>();
    for (const i of txs) for (const l of this.facts.receipts?.[i]?.logs ?? []) if (words.size < MAX_LOG_WORDS) addLogWords(l, words);
    this.tryKeys(words);
    hit = this.entries.get(slot);
    return hit;
  }

  private tryKeys(words: Iterable<string>): void {
    const buf = new Uint8Array(64);
    for (const w of words) {
      if (this.tried.has(w)) continue;
      this.tried.add(w);
      buf.set(fromHex(w), 0);
      for (let n = 0; n < MAPPING_SLOTS; n++) {
        buf.set(SLOT_WORDS[n]!, 32);
        this.entries.set(toHex(keccak_256(buf)), { key: w, slot: n });
      }
    }
  }

  /** Every address the block's transactions and pre-state mention, and small numbers, as 32-byte words. */
  private candidateKeys(): Set<string> {
    const s = this.scenario;
    const out = new Set<string>();
    const add = (a: string | null | undefined) => a && out.add(word(bare(a)));
    add(s.block.coinbase);
    for (const a of Object.keys(s.preState)) add(a);
    for (const a of this.facts.senders) add(a);
    s.transactions.forEach((t) => {
      add(t.from);
      add(t.to);
      for (const w of callWords(t.input)) if (/^0{24}/.test(w)) out.add(w);
    });
    for (let i = 0; i < SMALL_KEYS; i++) out.add(word(i.toString(16)));
    return out;
  }
}

function addLogWords(l: Log, out: Set<string>): void {
  out.add(word(bare(l.address)));
  for (const t of l.topics.slice(1)) if (/^0{24}/.test(bare(t))) out.add(bare(t));
}

/**
 * Uniswap V2's pair layout, read from the values alone: token0 and token1 (slots 6 and 7) are addresses, and the
 * reserves word (slot 8) carries the last update's timestamp in its top 32 bits — before this block, after 2015.
 */
export function looksLikeV2Pair(storage: Readonly<Record<string, string>>, blockTimestamp: bigint): boolean {
  const at = (n: number) => {
    const v = storage[`0x${n.toString(16).padStart(64, '0')}`];
    return v === undefined ? undefined : BigInt(v);
  };
  const isAddress = (v: bigint | undefined) => v !== undefined && v >= 1n << 120n && v < 1n << 160n;
  const reserves = at(8);
  if (!isAddress(at(6)) || !isAddress(at(7)) || reserves === undefined) return false;
  const time = reserves >> 224n;
  return time >= 1_438_269_988n && time <= blockTimestamp; // mainnet's genesis
}

/** The account key of `addr` (any case, with or without 0x). */
export const accountKeyOf = (addr: string): string => accountKey(bare(addr));
