/**
 * Synthetic workloads for questions no browser can run: blocks of any size whose access sets are known without
 * executing anything. `p2pTransfers` is the shape of Block-STM's published benchmark (Gelashvili et al., PPoPP 2023:
 * peer-to-peer transfers between a chosen number of accounts — few accounts, much contention): each transaction
 * reads and writes its sender's and its recipient's accounts, drawn uniformly from `accounts` accounts.
 */
import { accountKey, type StateKey } from '../engine/evm/keys.ts';
import type { Address, Hex, Scenario, ScenarioTx } from '../engine/scenario/types.ts';
import { ethTransfers } from '../workloads/bench.ts';
import { rng } from '../workloads/common.ts';
import type { SimTx, SimWorkload } from './model.ts';

const address = (i: number): Address => `0x${(i + 1).toString(16).padStart(40, 'a')}` as Address;

/**
 * Each account's address and state key, made once and flat: every transaction touching the account shares the one
 * string, so the many maps keyed by state keys (multi-version memories, the committed state, the policies' tables)
 * compare by pointer and never walk a concatenated string (`'a' + addr` is a rope): about half the cost of each map
 * operation in a 100,000-transaction simulation.
 */
/** The string as one flat copy: a join of two parts builds one (a single part would come back as it was). */
const flat = (s: string): string => (s.length < 2 ? s : [s[0], s.slice(1)].join(''));

interface Account {
  address: Address;
  key: StateKey;
  /** The key's number (`NumberedKeys`): accounts are numbered as they first appear. */
  id: number;
  /** The last transaction it sent and the last one it received (-1: none). */
  lastFrom: number;
  lastTo: number;
}

class Accounts {
  private readonly made = new Map<number | string, Account>();
  readonly keys: StateKey[] = [];

  get(i: number): Account {
    const c = firstWithAddress(i);
    let a = this.made.get(c);
    if (a === undefined) {
      const addr = address(i);
      a = { address: flat(addr) as Address, key: flat(accountKey(addr.slice(2))), id: this.keys.length, lastFrom: -1, lastTo: -1 };
      this.made.set(c, a);
      this.keys.push(a.key);
    }
    return a;
  }
}

/**
 * Which accounts are one: the addresses are padded with 'a', so a number whose hex begins with 'a' has the address
 * of the number without those digits (0xab and 0xb), or, when what is left is empty or begins with 0, of only the
 * numbers that leave the same (0xa05 and 0xaa05): one account either way, kept so (every simulated figure so far was
 * computed with it).
 */
function firstWithAddress(i: number): number | string {
  let top = i + 1; // its first hex digit (no string for the fifteen in sixteen that do not begin with 'a')
  while (top >= 16) top = Math.floor(top / 16);
  if (top !== 10) return i;
  const hex = (i + 1).toString(16);
  const rest = hex.replace(/^a+/, '');
  return rest === '' || rest[0] === '0' ? rest : parseInt(rest, 16) - 1;
}

export interface P2pOptions {
  seed?: number;
  gas?: number;
  costUs?: number;
  /**
   * For the sharding question: the accounts fall into `communities` groups of neighbours (contiguous ranges), and a
   * transfer leaves its sender's group with probability `crossShare` (default: no groups, recipients uniform). A
   * placement that keeps each group on one shard (shards-graph finds them) then sees about `crossShare` of the
   * transfers cross shards; a hash placement sees most of them cross whatever the share.
   */
  communities?: number;
  crossShare?: number;
}

export function p2pTransfers(n: number, accounts: number, opts: P2pOptions = {}): SimWorkload {
  const template = ethTransfers(1);
  const r = rng(opts.seed ?? 7);
  const gas = opts.gas ?? 21_000;
  const transactions: ScenarioTx[] = [];
  const txs: SimTx[] = [];
  // The keys numbered as the simulator would number them, and the sender and recipient chains (`NumberedKeys`),
  // made here from the account numbers: no map of key strings to build on the first run.
  const readIds: Int32Array[] = [];
  const senderIds = new Int32Array(n);
  const prevSameSender = new Int32Array(n);
  const prevSameTarget = new Int32Array(n);
  const nonces = new Map<number, number>();
  const groups = Math.max(1, Math.min(opts.communities ?? 1, Math.floor(accounts / 2)));
  const cross = opts.crossShare ?? 1;
  const size = Math.floor(accounts / groups);
  const made = new Accounts();
  for (let i = 0; i < n; i++) {
    const from = Math.floor(r.next() * accounts);
    let to: number;
    if (groups > 1 && r.next() >= cross) {
      // Within the sender's group (the last group takes the remainder).
      const g = Math.min(groups - 1, Math.floor(from / size));
      const lo = g * size;
      const span = g === groups - 1 ? accounts - lo : size;
      to = lo + Math.floor(r.next() * (span - 1));
      if (to >= from) to++;
    } else {
      to = accounts > 1 ? Math.floor(r.next() * (accounts - 1)) : 0;
      if (accounts > 1 && to >= from) to++;
    }
    const nonce = nonces.get(from) ?? 0;
    nonces.set(from, nonce + 1);
    const a = made.get(from);
    const b = made.get(to);
    transactions.push({ ...template.transactions[0], from: a.address, to: b.address, nonce: `0x${nonce.toString(16)}` as Hex, hash: undefined });
    const same = a === b;
    const keys = same ? [a.key] : [a.key, b.key];
    txs.push({ reads: keys, writes: keys, gas, costUs: opts.costUs ?? 100 });
    const ids = new Int32Array(same ? 1 : 2);
    ids[0] = a.id;
    if (!same) ids[1] = b.id;
    readIds.push(ids);
    senderIds[i] = a.id;
    prevSameSender[i] = a.lastFrom;
    a.lastFrom = i;
    prevSameTarget[i] = b.lastTo;
    b.lastTo = i;
  }
  const scenario: Scenario = { ...template, name: `p2p-${n}-${accounts}`, description: `${n} transfers among ${accounts} accounts`, preState: {}, transactions };
  const grouped = groups > 1 ? ` in ${groups} communities, ${Math.round(cross * 100)} % of transfers leaving theirs` : '';
  return {
    scenario,
    txs,
    source: `synthetic: ${n} peer-to-peer transfers among ${accounts} accounts${grouped} (Block-STM's benchmark shape)`,
    numbered: { keys: made.keys, readIds, writeIds: readIds, senderIds, prevSameSender, prevSameTarget },
  };
}
