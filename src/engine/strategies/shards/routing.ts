/**
 * Routing: the shards a transaction touches, from the keys its hint (or last execution) read and wrote plus what
 * it declares (its sender and recipient), with its home shard — where it executes — first.
 */
import { type StateKey, keyAddress } from '../../evm/keys.ts';
import type { Placement } from './placement.ts';

/** Precompiles (0x01…0xff) hold no state worth owning: every shard has them, as every node has their code. */
export const isEverywhere = (addr: string): boolean => addr.startsWith('00000000000000000000000000000000000000');

/** The addresses behind some keys and declared addresses, without the ones every shard has. */
export function footprint(keys: Iterable<StateKey>, declared: readonly string[]): string[] {
  const out = new Set<string>();
  for (const a of declared) if (!isEverywhere(a)) out.add(a);
  for (const k of keys) {
    const a = keyAddress(k);
    if (!isEverywhere(a)) out.add(a);
  }
  return [...out];
}

/**
 * The shards of a transaction, home first. Home is the shard owning most of its keys — the fewest values to bring
 * in — and on a tie the sender's shard (`declared[0]`), then the lowest index.
 */
export function routeOf(keys: Iterable<StateKey>, declared: readonly string[], placement: Placement): number[] {
  const count = new Map<number, number>();
  for (const a of declared) if (!isEverywhere(a)) count.set(placement.shardOf(a), count.get(placement.shardOf(a)) ?? 0);
  for (const k of keys) {
    const a = keyAddress(k);
    if (isEverywhere(a)) continue;
    const s = placement.shardOf(a);
    count.set(s, (count.get(s) ?? 0) + 1);
  }
  if (count.size === 0) count.set(0, 0); // touches nothing owned (a call to a precompile from nobody): shard 0
  const sender = declared.length > 0 && !isEverywhere(declared[0]) ? placement.shardOf(declared[0]) : -1;
  const shards = [...count.keys()].sort((x, y) => count.get(y)! - count.get(x)! || Number(y === sender) - Number(x === sender) || x - y);
  return shards;
}

/** The first key a transaction touched outside its route, if any: a wrong hint. */
export function outsideRoute(keys: Iterable<StateKey>, route: readonly number[], placement: Placement): StateKey | undefined {
  for (const k of keys) {
    const a = keyAddress(k);
    if (!isEverywhere(a) && !route.includes(placement.shardOf(a))) return k;
  }
  return undefined;
}

/** The keys among `keys` that shard `s` owns. */
export function keysOn(keys: Iterable<StateKey>, s: number, placement: Placement): StateKey[] {
  const out: StateKey[] = [];
  for (const k of keys) {
    const a = keyAddress(k);
    if (!isEverywhere(a) && placement.shardOf(a) === s) out.push(k);
  }
  return out;
}

/** The shards owning some keys. */
export function shardsOf(keys: Iterable<StateKey>, placement: Placement): Set<number> {
  const out = new Set<number>();
  for (const k of keys) {
    const a = keyAddress(k);
    if (!isEverywhere(a)) out.add(placement.shardOf(a));
  }
  return out;
}
