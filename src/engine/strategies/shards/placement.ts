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
  // perShard[i][s]: how many of transaction i's placed addresses shard s owns; spread[i]: on how many shards they lie
  // (kept as perShard changes, so that the refinement asks "single-shard?" in O(1), not O(S): 100,000 transfers on 64
  // shards took 85 s in that loop).
  const perShard = txs.map(() => new Int32Array(S));
  const spread = new Int32Array(txs.length);
  const load = new Float64Array(S);
  // Scores of the address being placed, per shard: gas of its transactions already there (co) and gas it would add.
  const co = new Float64Array(S);
  const add = new Float64Array(S);

  /** For address `a` (on shard `at`, -1: not placed) moved onto shard s: fills co[s] and add[s]. */
  const score = (list: readonly number[], at: number, s: number): void => {
    let c = 0;
    let d = 0;
    for (const i of list) {
      // When `a` itself is the transaction's only address on s, the transaction stays there: not an addition.
      const others = perShard[i][s] - (at === s ? 1 : 0);
      if (others > 0) c += gas[i];
      else if (at !== s) d += gas[i];
    }
    co[s] = c;
    add[s] = d;
  };
  const assign = (a: string, s: number): void => {
    const from = owner.get(a);
    for (const i of txsOf.get(a)!) {
      if (from !== undefined && --perShard[i][from] === 0) {
        load[from] -= gas[i];
        spread[i]--;
      }
      if (perShard[i][s]++ === 0) {
        load[s] += gas[i];
        spread[i]++;
      }
    }
    owner.set(a, s);
  };
  /** Whether transaction i sits on one shard once one of its addresses moves from shard `from` to shard `to`
   * (-1, -1: as it is). */
  const single = (i: number, from: number, to: number): boolean => {
    const counts = perShard[i];
    let k = spread[i];
    if (from >= 0 && from !== to && counts[from] === 1) k--;
    if (to >= 0 && to !== from && counts[to] === 0) k++;
    return k <= 1;
  };

  // Greedy: heaviest address first (hubs pick their shard before the addresses around them), stable otherwise.
  const order = [...txsOf.keys()].sort((x, y) => weight.get(y)! - weight.get(x)!);
  for (const a of order) {
    const list = txsOf.get(a)!;
    const at = owner.get(a) ?? -1;
    for (let s = 0; s < S; s++) score(list, at, s);
    const after = (s: number) => load[s] + add[s];
    let best = -1;
    let lightest = 0;
    for (let s = 0; s < S; s++) {
      if (after(s) < after(lightest)) lightest = s;
      if (add[s] > 0 && after(s) > cap) continue;
      if (best < 0 || co[s] > co[best] || (co[s] === co[best] && after(s) < after(best))) best = s;
    }
    assign(a, best >= 0 ? best : lightest);
  }

  // Refinement: move an address where more of its transactions' gas becomes single-shard, within the cap.
  for (let pass = 0; pass < REFINE_PASSES; pass++) {
    let moved = 0;
    for (const a of order) {
      const list = txsOf.get(a)!;
      const from = owner.get(a)!;
      let best = from;
      let bestGain = 0;
      for (let s = 0; s < S; s++) {
        if (s === from) continue;
        score(list, from, s);
        if (add[s] > 0 && load[s] + add[s] > cap) continue;
        let gain = 0;
        for (const i of list) gain += gas[i] * (Number(single(i, from, s)) - Number(single(i, -1, -1)));
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
