/**
 * The simulator's one-store replicas read, for every worker, exactly what that worker's own `MultiVersionMemory` would
 * read if it were fed the updates the replica log sends it (broadcast or addressed, its own copies skipped or not) and
 * its own results — whatever the order, incarnations and estimates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountKey, type StateKey, type StateValue } from '../engine/evm/keys.ts';
import { EstimateRead } from '../engine/evm/stateView.ts';
import { BaseState } from '../engine/state/baseState.ts';
import { MultiVersionMemory } from '../engine/state/multiVersionMemory.ts';
import { ethTransfers } from '../workloads/bench.ts';
import { Blocked, KeyIds, SimReplicas } from './replicas.ts';

const W = 3;
const N = 6;
const KEYS: StateKey[] = [1, 2, 3].map((i) => accountKey(i.toString(16).padStart(40, '0')));

type Op =
  | { op: 'writes'; tx: number; incarnation: number; keys: number[]; value: number; to?: number[]; from?: number }
  | { op: 'estimate'; tx: number; incarnation: number }
  | { op: 'own'; w: number; tx: number; incarnation: number; keys: number[]; value: number };

const tx = fc.integer({ min: 0, max: N - 1 });
const incarnation = fc.integer({ min: 0, max: 3 });
const keys = fc.uniqueArray(fc.integer({ min: 0, max: KEYS.length - 1 }), { maxLength: KEYS.length });
const worker = fc.integer({ min: 0, max: W - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('writes' as const),
    tx,
    incarnation,
    keys,
    value: fc.nat(99),
    to: fc.option(fc.uniqueArray(worker, { minLength: 1, maxLength: W }), { nil: undefined }),
    from: fc.option(worker, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('estimate' as const), tx, incarnation }),
  fc.record({ op: fc.constant('own' as const), w: worker, tx, incarnation, keys, value: fc.nat(99) }),
);

const base = new BaseState({ ...ethTransfers(1), preState: {}, transactions: [] });
const writesOf = (ks: number[], value: number): [StateKey, StateValue][] => ks.map((k) => [KEYS[k], BigInt(value)]);

function readMemory(m: MultiVersionMemory, key: StateKey, tx: number): StateValue | string {
  try {
    return m.read(key, tx);
  } catch (e) {
    if (e instanceof EstimateRead) return `estimate of ${e.blockingTx}`;
    throw e;
  }
}

describe('SimReplicas', () => {
  it('reads what a MultiVersionMemory per worker, fed the same updates, reads', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.boolean(), (ops, skipsOwnCopies) => {
        const ids = new KeyIds();
        // Some transactions' declared write sets, numbered ahead (the fast path for records that write exactly them).
        const writeKeys = Array.from({ length: N }, (_, t) => (t % 2 === 0 ? [KEYS[t % KEYS.length]] : []));
        const store = new SimReplicas(base, ids, N, skipsOwnCopies, writeKeys.map((k) => ids.idsOf(k)), writeKeys);
        const memories = Array.from({ length: W }, () => new MultiVersionMemory(base));
        const log = store.log(W);
        for (const o of ops) {
          if (o.op === 'own') {
            const writes = writesOf(o.keys, o.value);
            store.own(o.w, o.tx, o.incarnation, writes);
            memories[o.w].record({ tx: o.tx, incarnation: o.incarnation, writes, deltas: [] });
          } else if (o.op === 'estimate') {
            log.publish({ kind: 'estimate', tx: o.tx, incarnation: o.incarnation });
            for (const m of memories) m.markEstimate(o.tx, o.incarnation);
          } else {
            // A declared write set is passed as the very strings the transaction has (what the simulator's executions do).
            const writes = o.keys.length === 1 && writeKeys[o.tx][0] === KEYS[o.keys[0]] ? [[writeKeys[o.tx][0], BigInt(o.value)] as [StateKey, StateValue]] : writesOf(o.keys, o.value);
            const from = o.from === undefined ? undefined : { worker: o.from, generation: 0 };
            log.publish({ kind: 'writes', tx: o.tx, incarnation: o.incarnation, writes, deltas: [], codes: [] }, o.to, from);
            memories.forEach((m, w) => {
              if (o.to !== undefined && !o.to.includes(w)) return;
              if (skipsOwnCopies && o.from === w) return;
              m.record({ tx: o.tx, incarnation: o.incarnation, writes, deltas: [] });
            });
          }
          for (let w = 0; w < W; w++) {
            for (const key of KEYS) {
              const k = ids.id(key);
              for (let t = 0; t <= N; t++) {
                const got = store.read(w, k, t);
                expect(got instanceof Blocked ? `estimate of ${got.blockingTx}` : got, `worker ${w} reads ${key} for ${t}`).toEqual(readMemory(memories[w], key, t));
                expect(store.writerBelow(w, k, t)).toBe(memories[w].writerBelow(key, t));
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
