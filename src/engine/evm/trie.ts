/**
 * Merkle-Patricia trie root of a complete key/value set, computed in one synchronous pass.
 *
 * The post-state is known in full when the root is wanted, so there is no need for an updatable trie (and the
 * ethereumjs one, async per insert, costs seconds for a few thousand accounts). Keys are sorted; each subtree is
 * built from the run of keys sharing its prefix: one key → leaf, a shared prefix → extension, else a 16-way branch.
 * Nodes whose encoding is shorter than 32 bytes are embedded in their parent, as the yellow paper requires.
 *
 * Keys live in one flat buffer and are sorted as indices, and each value is made when its leaf is built (then it is
 * garbage once hashed): 200,000 accounts cost ~8 MB of keys rather than ~55 MB of hex strings, tuples and closures,
 * and the build holds only the nodes on its current path.
 */
import { RLP } from '@ethereumjs/rlp';
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import { keccak256 } from './keccak.ts';

type Node = Uint8Array | Node[];

/** A leaf's value bytes, or how to make them: made when the leaf is built, and garbage once it is hashed, so a large
 * trie never holds every encoded value at once. */
export type TrieValue = Uint8Array | (() => Uint8Array);

/** `count` keys of up to `width` bytes each, one after another in `bytes`; `lengths` gives each key's length when
 * they differ (absent: every key is `width` bytes). No key may be a prefix of another (true of hashed keys and of
 * RLP-encoded indices). */
export interface FlatKeys {
  bytes: Uint8Array;
  width: number;
  count: number;
  lengths?: Uint8Array;
}

/** `entries`: unprefixed hex keys (already hashed for secure tries) → RLP-ready value bytes. */
export function trieRoot(entries: [string, TrieValue][]): Uint8Array {
  const width = entries.reduce((w, [k]) => Math.max(w, k.length >> 1), 0);
  const keys: FlatKeys = { bytes: new Uint8Array(width * entries.length), width, count: entries.length, lengths: new Uint8Array(entries.length) };
  entries.forEach(([k], i) => {
    const b = hexToBytes(`0x${k}`);
    keys.bytes.set(b, i * width);
    keys.lengths![i] = b.length;
  });
  return trieRootOf(keys, (i) => {
    const v = entries[i][1];
    return typeof v === 'function' ? v() : v;
  });
}

export function trieRootHex(entries: [string, TrieValue][]): string {
  return bytesToHex(trieRoot(entries));
}

/** The root of the trie holding key `i` of `keys` → `value(i)`, each value asked for once, in key order. */
export function trieRootOf(keys: FlatKeys, value: (i: number) => Uint8Array): Uint8Array {
  if (keys.count === 0) return keccak256(RLP.encode(new Uint8Array(0)));
  return keccak256(RLP.encode(new TrieBuilder(keys, value).build(0, keys.count, 0) as never));
}

class TrieBuilder {
  /** Key indices in key order. */
  private readonly order: Uint32Array;

  constructor(private readonly keys: FlatKeys, private readonly value: (i: number) => Uint8Array) {
    this.order = sortedOrder(keys);
  }

  /** Nibble `d` of key `i` (-1 past its end). */
  private nibble(i: number, d: number): number {
    const { bytes, width, lengths } = this.keys;
    if (d >= 2 * (lengths ? lengths[i] : width)) return -1;
    const b = bytes[i * width + (d >> 1)];
    return d & 1 ? b & 15 : b >> 4;
  }

  private length(i: number): number {
    return 2 * (this.keys.lengths ? this.keys.lengths[i] : this.keys.width);
  }

  /** The node over keys `order[from..to)`, which share their first `depth` nibbles. */
  build(from: number, to: number, depth: number): Node {
    const { order } = this;
    if (to - from === 1) {
      const i = order[from];
      return [this.hexPrefix(i, depth, this.length(i), true), this.value(i)];
    }
    // Sorted keys: the common prefix of the run is the common prefix of its first and last keys.
    const first = order[from];
    const last = order[to - 1];
    let cp = depth;
    while (this.nibble(first, cp) >= 0 && this.nibble(first, cp) === this.nibble(last, cp)) cp++;
    if (cp > depth) return [this.hexPrefix(first, depth, cp, false), ref(this.build(from, to, cp))];
    const branch: Node[] = new Array(17).fill(EMPTY);
    let k = from;
    while (k < to) {
      const nibble = this.nibble(order[k], depth);
      if (nibble < 0) throw new Error('trie keys: one key is a prefix of another (a branch value), which no Ethereum trie here has');
      let j = k + 1;
      while (j < to && this.nibble(order[j], depth) === nibble) j++;
      branch[nibble] = ref(this.build(k, j, depth + 1));
      k = j;
    }
    return branch;
  }

  /** Hex-prefix encoding of nibbles `[from, to)` of key `i` (yellow paper, appendix C). */
  private hexPrefix(i: number, from: number, to: number, leaf: boolean): Uint8Array {
    const odd = (to - from) & 1;
    const out = new Uint8Array(((to - from) >> 1) + 1);
    let d = from;
    out[0] = ((leaf ? 2 : 0) + odd) << 4;
    if (odd) out[0] |= this.nibble(i, d++);
    for (let k = 1; k < out.length; k++, d += 2) out[k] = (this.nibble(i, d) << 4) | this.nibble(i, d + 1);
    return out;
  }
}

const EMPTY = new Uint8Array(0);

/** Key indices in byte order (a shorter key first when one is a prefix of another). */
function sortedOrder({ bytes, width, count, lengths }: FlatKeys): Uint32Array {
  const len = (i: number) => (lengths ? lengths[i] : width);
  // The first four bytes decide almost every comparison.
  const head = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0;
    for (let b = 0; b < 4; b++) h = h * 256 + (b < len(i) ? bytes[i * width + b] : 0);
    head[i] = h;
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order.sort((a, b) => {
    if (head[a] !== head[b]) return head[a] - head[b];
    const la = len(a);
    const lb = len(b);
    for (let k = 0; k < la && k < lb; k++) {
      const d = bytes[a * width + k] - bytes[b * width + k];
      if (d !== 0) return d;
    }
    return la - lb;
  });
}

/** A child is embedded when its encoding is under 32 bytes, else referenced by hash. */
function ref(node: Node): Node {
  const enc = RLP.encode(node as never);
  return enc.length < 32 ? node : keccak256(enc);
}
