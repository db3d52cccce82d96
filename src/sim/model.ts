/**
 * What the simulator knows of a block: for each transaction, the keys it reads and writes, its gas, and what one
 * execution of it costs on one thread. Taken from a recorded run (any strategy's trace holds them: the committed
 * execution's `exec-end`), or built directly (synthetic workloads for questions no browser can run).
 *
 * The access sets are fixed: a transaction touches the same keys however the block is scheduled. Real transactions
 * can branch on what they read; a recorded run shows the branch they took in the end.
 */
import { coinbaseKey, type StateKey } from '../engine/evm/keys.ts';
import type { Scenario } from '../engine/scenario/types.ts';
import type { Trace } from '../engine/trace/events.ts';

export interface SimTx {
  reads: StateKey[];
  /** Absolute writes (fee credits to the coinbase are deltas: left out). */
  writes: StateKey[];
  gas: number;
  /** One execution on one thread, µs, for the profile's reference machine (see `profile.ts`). */
  costUs: number;
  /** The access sets when the sender is read lazily (block-stm: `engine/evm/lazyAccount.ts`): its condition read and
   * its delta (nonce and debit) left out, as the recorded run marked them. Absent when the run read nothing lazily. */
  lazy?: { reads: StateKey[]; writes: StateKey[] };
}

export interface SimWorkload {
  /** The block as the policies see it (senders, recipients, access lists, pre-state). */
  scenario: Scenario;
  txs: SimTx[];
  /** Where the figures came from, said wherever a simulated run is shown. */
  source: string;
  /** Its state keys already numbered, by a builder that knows its accounts (`synthetic.ts`); else the simulator
   * numbers them on its first run (a 100,000-transaction block: ~0.4 s of map look-ups). */
  numbered?: NumberedKeys;
}

/**
 * A workload's keys as numbers, exactly as the simulator would number them (`KeyIds`): in order of first appearance
 * in the transactions' read sets, then the senders' accounts, then the write sets.
 */
export interface NumberedKeys {
  /** The key of each number. */
  keys: StateKey[];
  /** Each transaction's read keys' numbers, in `reads` order. */
  readIds: Int32Array[];
  /** Each transaction's write keys' numbers: the same array as `readIds[i]` when `writes` is the `reads` array. */
  writeIds: Int32Array[];
  /** Each transaction's sender's account key number. */
  senderIds: Int32Array;
  /** Each transaction's sender's previous transaction (-1: none): `previousSame` of the senders. */
  prevSameSender: Int32Array;
  /** Each transaction's recipient's previous transaction (-1: none): `previousSame` of the `to` addresses. */
  prevSameTarget: Int32Array;
}

/**
 * The workload of a recorded run: each transaction's committed execution — its read and write keys, its gas, and its
 * duration (the run's own clock). Best from a warm `sequential` run: one worker, no contention, no re-executions.
 */
export function workloadFromTrace(scenario: Scenario, trace: Pick<Trace, 'events' | 'txCount' | 'strategy' | 'workers'>, source?: string): SimWorkload {
  const n = trace.txCount;
  const coinbase = coinbaseKey(scenario);
  const started = new Map<string, number>();
  const ends = new Map<string, SimTx>();
  const committed = new Array<number>(n).fill(-1);
  for (const e of trace.events) {
    if (e.tx < 0) continue;
    const id = `${e.tx}:${e.incarnation}`;
    if (e.kind === 'exec-start' && e.exec !== 'hint') started.set(id, e.t);
    else if (e.kind === 'exec-end' && e.exec !== 'hint') {
      const writes = e.reads.includes(coinbase) ? e.writes : e.writes.filter((k) => k !== coinbase);
      const t: SimTx = { reads: e.reads, writes, gas: e.gas, costUs: Math.max(1, e.t - (started.get(id) ?? e.t)) };
      const { conditions, deltas } = e;
      if (conditions !== undefined) t.lazy = { reads: e.reads.filter((k) => !conditions.includes(k)), writes: writes.filter((k) => !deltas?.includes(k)) };
      ends.set(id, t);
    } else if (e.kind === 'commit') committed[e.tx] = e.incarnation;
  }
  const txs: SimTx[] = [];
  for (let tx = 0; tx < n; tx++) {
    const end = ends.get(`${tx}:${committed[tx]}`);
    if (!end) throw new Error(`the trace has no committed execution of transaction ${tx}`);
    txs.push(end);
  }
  return { scenario, txs, source: source ?? `recorded ${trace.strategy} × ${trace.workers} run` };
}
