/**
 * Merkle-Patricia trie root of a complete key/value set, computed in one synchronous pass.
 *
 * The post-state is known in full when the root is wanted, so there is no need for an updatable trie (and the
 * ethereumjs one, async per insert, costs seconds for a few thousand accounts). Keys are sorted; each subtree is
 * built from the run of keys sharing its prefix: one key → leaf, a shared prefix → extension, else a 16-way branch.
 * Nodes whose encoding is shorter than 32 bytes are embedded in their parent, as the yellow paper requires.
 */
import { RLP } from '@ethereumjs/rlp';
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';

type Node = Uint8Array | Node[];

/** A leaf's value bytes, or how to make them: made when the leaf is built, and garbage once it is hashed, so a large
 * trie never holds every encoded value at once. */
export type TrieValue = Uint8Array | (() => Uint8Array);

/** `entries`: unprefixed hex keys (already hashed for secure tries) → RLP-ready value bytes. */
export function trieRoot(entries: [string, TrieValue][]): Uint8Array {
  if (entries.length === 0) return keccak_256(RLP.encode(new Uint8Array(0)));
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keccak_256(RLP.encode(build(sorted, 0, sorted.length, 0)));
}

export function trieRootHex(entries: [string, TrieValue][]): string {
  return bytesToHex(trieRoot(entries));
}

function build(e: [string, TrieValue][], from: number, to: number, depth: number): Node {
  if (to - from === 1) {
    const value = e[from][1];
    return [hexPrefix(e[from][0].slice(depth), true), typeof value === 'function' ? value() : value];
  }
  // Sorted keys: the common prefix of the run is the common prefix of its first and last keys.
  const first = e[from][0];
  const last = e[to - 1][0];
  let cp = depth;
  while (cp < first.length && first[cp] === last[cp]) cp++;
  if (cp > depth) return [hexPrefix(first.slice(depth, cp), false), ref(build(e, from, to, cp))];
  const branch: Node[] = new Array(17).fill(new Uint8Array(0));
  let i = from;
  while (i < to) {
    const nibble = first.length > depth ? e[i][0][depth] : '';
    let j = i + 1;
    while (j < to && e[j][0][depth] === nibble) j++;
    branch[parseInt(nibble, 16)] = ref(build(e, i, j, depth + 1));
    i = j;
  }
  return branch;
}

/** A child is embedded when its encoding is under 32 bytes, else referenced by hash. */
function ref(node: Node): Node {
  const enc = RLP.encode(node as never);
  return enc.length < 32 ? node : keccak_256(enc);
}

/** Hex-prefix encoding of a nibble path (yellow paper, appendix C). */
function hexPrefix(nibbles: string, leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2 === 1;
  const flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
  return hexToBytes(`0x${flag.toString(16)}${odd ? '' : '0'}${nibbles}`);
}
