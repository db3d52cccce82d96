/**
 * Placement: which shard owns each address (all of an account's keys — balance, code, storage — live together, as
 * in sharded chains where a contract's state sits on one shard).
 *
 * `hashPlacement` spreads addresses by keccak256 of the address, blind to who talks to whom. `graphPlacement` reads
 * the address co-access hypergraph of a hint pass (each transaction a hyperedge over the addresses it touches,
 * weighted by its gas) and places addresses greedily, heaviest first, each on the shard that already holds most of
 * its transactions' gas, within a load cap; then a few label-propagation passes move an address wherever that turns
 * more gas single-shard without pushing a shard over the cap. A shard's load is the gas of every transaction that
 * touches it, because a cross-shard transaction holds each of its shards at its barrier: so moving a sender next to
 * a hot contract that every one of its transactions touches costs that shard nothing, and a hot contract's
 * transactions gather on its shard instead of being split into cross-shard ones that would queue there anyway.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { hexToBytes } from '@noble/hashes/utils.js';

/** Which shard owns an address (unprefixed lowercase hex). */
export interface Placement {
  readonly shards: number;
  shardOf(addr: string): number;
}

/** Owner by address hash: the first four bytes of keccak256(address), modulo the shard count. */
export function hashPlacement(shards: number): Placement {
  const cache = new Map<string, number>();
  return {
    shards,
    shardOf(addr) {
      let s = cache.get(addr);
      if (s === undefined) {
        const h = keccak_256(hexToBytes(addr));
        s = (((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0) % shards;
        cache.set(addr, s);
      }
      return s;
    },
  };
}

/** One transaction as the placement sees it: the addresses it touches and its weight. */
export interface TxFootprint {
  addrs: readonly string[];
  gas: number;
}

/** How far above the mean a shard's load may grow while addresses are placed. */
const SLACK = 0.1;
const REFINE_PASSES = 4;

/**
 * Placement from the access graph. Addresses no transaction touched (the hint missed them) fall back to the hash.
 */
export function graphPlacement(txs: readonly TxFootprint[], shards: number): Placement {
  const fallback = hashPlacement(shards);
  const owner = new Map<string, number>();
  if (shards > 1) placeAll(txs, shards, owner);
  return { shards, shardOf: (addr) => owner.get(addr) ?? fallback.shardOf(addr) };
}

function placeAll(txs: readonly TxFootprint[], S: number, owner: Map<string, number>): void {
  // Vertices and their incident transactions.
  const txsOf = new Map<string, number[]>();
  const weight = new Map<string, number>();
  const gas = txs.map((t) => Math.max(1, t.gas));
  txs.forEach((t, i) => {
    for (const a of new Set(t.addrs)) {
      let list = txsOf.get(a);
      if (list === undefined) txsOf.set(a, (list = []));
      list.push(i);
      weight.set(a, (weight.get(a) ?? 0) + gas[i]);
    }
  });
  const total = gas.reduce((x, y) => x + y, 0);
  const cap = ((1 + SLACK) * total) / S;
  // perShard[i][s]: how many of transaction i's placed addresses shard s owns.
  const perShard = txs.map(() => new Int32Array(S));
  const load = new Float64Array(S);

  /** For address `a` moved onto shard s: gas of its transactions already there (co) and gas it would add (add). */
  const score = (a: string, s: number): { co: number; add: number } => {
    let co = 0;
    let add = 0;
    for (const i of txsOf.get(a)!) {
      // When `a` itself is the transaction's only address on s, the transaction stays there: not an addition.
      const others = perShard[i][s] - (owner.get(a) === s ? 1 : 0);
      if (others > 0) co += gas[i];
      else if (owner.get(a) !== s) add += gas[i];
    }
    return { co, add };
  };
  const assign = (a: string, s: number): void => {
    const from = owner.get(a);
    for (const i of txsOf.get(a)!) {
      if (from !== undefined && --perShard[i][from] === 0) load[from] -= gas[i];
      if (perShard[i][s]++ === 0) load[s] += gas[i];
    }
    owner.set(a, s);
  };

  // Greedy: heaviest address first (hubs pick their shard before the addresses around them), stable otherwise.
  const order = [...txsOf.keys()].sort((x, y) => weight.get(y)! - weight.get(x)!);
  for (const a of order) {
    const scores = Array.from({ length: S }, (_, s) => score(a, s));
    const after = (s: number) => load[s] + scores[s].add;
    let best = -1;
    let lightest = 0;
    for (let s = 0; s < S; s++) {
      if (after(s) < after(lightest)) lightest = s;
      if (scores[s].add > 0 && after(s) > cap) continue;
      if (best < 0 || scores[s].co > scores[best].co || (scores[s].co === scores[best].co && after(s) < after(best))) best = s;
    }
    assign(a, best >= 0 ? best : lightest);
  }

  // Refinement: move an address where more of its transactions' gas becomes single-shard, within the cap.
  for (let pass = 0; pass < REFINE_PASSES; pass++) {
    let moved = 0;
    for (const a of order) {
      const from = owner.get(a)!;
      let best = from;
      let bestGain = 0;
      for (let s = 0; s < S; s++) {
        if (s === from) continue;
        const { add } = score(a, s);
        if (add > 0 && load[s] + add > cap) continue;
        let gain = 0;
        for (const i of txsOf.get(a)!) gain += gas[i] * (Number(single(perShard[i], from, s)) - Number(single(perShard[i], -1, -1)));
        if (gain > bestGain) {
          best = s;
          bestGain = gain;
        }
      }
      if (best !== from) {
        assign(a, best);
        moved++;
      }
    }
    if (moved === 0) break;
  }
}

/** Whether a transaction whose addresses lie on shards as `counts` says sits on one shard, once one of its addresses
 * moves from shard `from` to shard `to` (-1, -1: as it is). */
function single(counts: Int32Array, from: number, to: number): boolean {
  let shards = 0;
  for (let x = 0; x < counts.length; x++) if (counts[x] - (x === from ? 1 : 0) + (x === to ? 1 : 0) > 0) shards++;
  return shards <= 1;
}
