/**
 * A storage slot back to the variable it holds, from the contract's storage layout: `reserve0`, `proposals[3].yes`,
 * `balances[<address>]`. Plain variables, struct members and fixed arrays sit at known slots. A mapping entry sits at
 * keccak(key . slot), which cannot be inverted: the namer hashes candidate keys — the words of the transactions
 * involved first (their sender, target and call arguments: the keys they used), then, for one-level mappings, every
 * address of the scenario and small numbers — and remembers every hash it made.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { StorageType, StorageVar } from '../../workloads/compiler/contractDocs.ts';

export interface SlotName {
  /** The top-level variable. */
  variable: string;
  /** The struct member, if the slot is one (`proposals[3].yes` → `yes`). */
  member?: string;
  /** Keys and members from the variable down, each key as a 32-byte word (64 hex) with its type. */
  path: ({ member: string } | { index: number } | { key: string; keyType: string })[];
  /** The type of what the slot holds (packed variables: the first of them). */
  type: StorageType;
}

/** Candidate mapping keys, as 64-hex words. */
export interface Candidates {
  /** Words of the transactions involved: tried first, and the only ones for nested mappings. */
  context: readonly string[];
  /** Every address worth trying for a one-level mapping (64-hex words). */
  addresses: () => readonly string[];
}

/** Small numbers tried as keys of one-level mappings keyed by a number (ids, counters). */
const SMALL_NUMBERS = 1024;
/** Above this many addresses, only the context's words are tried (hashing them all would take too long). */
const MAX_ADDRESSES = 6000;

const word = (n: bigint): string => n.toString(16).padStart(64, '0');

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function keccakWords(a: string, b: string): bigint {
  const h = keccak_256(hexToBytes(a + b));
  let v = 0n;
  for (const x of h) v = (v << 8n) | BigInt(x);
  return v;
}

/** Slots a type occupies when laid out in place (a mapping or dynamic array: its one head slot). */
function slotsOf(t: StorageType): number {
  if (t.kind === 'struct' || (t.kind === 'array' && t.length !== undefined)) return Math.max(1, Math.ceil(t.bytes / 32));
  return 1;
}

const isAddressKey = (t: string): boolean => t === 'address' || t.startsWith('contract ') || t === 'address payable';

export class SlotNamer {
  /** `${mapping slot word}|${key kind}` → hash → key word. */
  private readonly tables = new Map<string, Map<bigint, string>>();
  private readonly hashes = new Map<string, bigint>();

  /** The variable at `slot` of a contract with this layout, or null when no candidate key explains it. */
  name(storage: readonly StorageVar[], slot: bigint, c: Candidates): SlotName | null {
    const direct = this.inPlace(storage, slot, 0n);
    if (direct) return direct;
    for (const v of storage) {
      const base = BigInt(v.slot);
      const found = this.hashed(v.type, base, slot, c);
      if (found) return { variable: v.label, member: memberOf(found.path), path: found.path, type: found.type };
    }
    return null;
  }

  /** Variables laid out from `origin`: plain ones, struct members, fixed-array elements. */
  private inPlace(vars: readonly StorageVar[], slot: bigint, origin: bigint): SlotName | null {
    const here = vars.filter((v) => slot >= origin + BigInt(v.slot) && slot < origin + BigInt(v.slot) + BigInt(slotsOf(v.type)));
    const v = here[0];
    if (!v) return null;
    const inner = this.inside(v.type, slot - origin - BigInt(v.slot));
    const label = here.length > 1 && inner.path.length === 0 ? here.map((x) => x.label).join(' & ') : v.label;
    return { variable: label, member: memberOf(inner.path), path: inner.path, type: inner.type };
  }

  /** Within a type laid out in place, the member or element `offset` slots in. */
  private inside(t: StorageType, offset: bigint): Pick<SlotName, 'path' | 'type'> {
    if (t.kind === 'struct') {
      const m = t.members.find((x) => offset >= BigInt(x.slot) && offset < BigInt(x.slot) + BigInt(slotsOf(x.type)));
      if (!m) return { path: [], type: t };
      const inner = this.inside(m.type, offset - BigInt(m.slot));
      return { path: [{ member: m.label }, ...inner.path], type: inner.type };
    }
    if (t.kind === 'array' && t.length !== undefined) {
      const per = slotsOf(t.base);
      const inner = this.inside(t.base, offset % BigInt(per));
      return { path: [{ index: Number(offset / BigInt(per)) }, ...inner.path], type: inner.type };
    }
    return { path: [], type: t };
  }

  /** An entry of the mapping or dynamic array whose head is at `head`, if `slot` is one (or lies inside one). */
  private hashed(t: StorageType, head: bigint, slot: bigint, c: Candidates, depth = 0): Pick<SlotName, 'path' | 'type'> | null {
    if (t.kind === 'array' && t.length === undefined) {
      const start = this.hash(word(head), '');
      const per = BigInt(slotsOf(t.base));
      if (slot < start || slot >= start + (1n << 32n) * per) return null;
      const inner = this.inside(t.base, (slot - start) % per);
      return { path: [{ index: Number((slot - start) / per) }, ...inner.path], type: inner.type };
    }
    if (t.kind !== 'mapping' || depth > 2) return null;
    const keyType = t.key;
    const span = slotsOf(t.value);
    const within = (entry: bigint, key: string): Pick<SlotName, 'path' | 'type'> | null => {
      if (slot >= entry && slot < entry + BigInt(span)) {
        const inner = this.inside(t.value, slot - entry);
        return { path: [{ key, keyType }, ...inner.path], type: inner.type };
      }
      if (t.value.kind === 'mapping' || t.value.kind === 'array') {
        const deeper = this.hashed(t.value, entry, slot, c, depth + 1);
        if (deeper) return { path: [{ key, keyType }, ...deeper.path], type: deeper.type };
      }
      return null;
    };
    const headWord = word(head);
    for (const key of keysFor(keyType, c.context)) {
      const hit = within(this.hash(key, headWord), key);
      if (hit) return hit;
    }
    // One level, with every address or small number as a candidate (the table is made once per mapping).
    if (depth > 0 || t.value.kind === 'mapping') return null;
    const table = this.table(headWord, keyType, c);
    for (let j = 0; j < span; j++) {
      const key = table?.get(slot - BigInt(j));
      if (key !== undefined) return within(slot - BigInt(j), key);
    }
    return null;
  }

  private hash(a: string, b: string): bigint {
    const id = a + b;
    let h = this.hashes.get(id);
    if (h === undefined) {
      h = keccakWords(a, b);
      this.hashes.set(id, h);
    }
    return h;
  }

  private table(headWord: string, keyType: string, c: Candidates): Map<bigint, string> | null {
    const kind = isAddressKey(keyType) ? 'address' : /^(uint|int|bytes\d|bool|enum)/.test(keyType) ? 'number' : null;
    if (!kind) return null;
    const id = `${headWord}|${kind}`;
    let t = this.tables.get(id);
    if (t) return t;
    const keys = kind === 'address' ? c.addresses() : Array.from({ length: SMALL_NUMBERS }, (_, i) => word(BigInt(i)));
    if (keys.length > MAX_ADDRESSES) return null;
    t = new Map();
    for (const k of keys) t.set(keccakWords(k, headWord), k);
    this.tables.set(id, t);
    return t;
  }
}

function memberOf(path: SlotName['path']): string | undefined {
  const last = [...path].reverse().find((p) => 'member' in p);
  return last && 'member' in last ? last.member : undefined;
}

/** The context words that can be keys of this type (an address key is a word with 12 zero bytes on top). */
function keysFor(keyType: string, words: readonly string[]): string[] {
  if (isAddressKey(keyType)) return words.filter((w) => w.startsWith('000000000000000000000000'));
  if (keyType === 'bool') return [word(0n), word(1n)];
  return [...words];
}
