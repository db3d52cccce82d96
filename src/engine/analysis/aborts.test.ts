import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { accountKey, coinbaseKey, keyAddress, slotKey, type StateKey } from '../evm/keys.ts';
import { runScenario } from '../run.ts';
import type { Scenario, ScenarioTx } from '../scenario/types.ts';
import { testPool } from '../testing/harness.ts';
import type { TraceEvent } from '../trace/events.ts';
import { ammSwaps } from '../../workloads/bench.ts';
import { STRATEGY_CATALOG } from '../strategies/catalog.ts';
import { abortAnatomy, abortRecords, distanceOf, nameAnatomy } from './aborts.ts';
import { runMetrics } from './metrics.ts';

type Ev = TraceEvent;
const addr = (n: number): string => n.toString(16).padStart(40, '0');
const A = addr(0xa); // senders
const B = addr(0xb);
const C = addr(0xc);
const D = addr(0xd); // an EOA paid by others
const P = addr(0x1000); // a pair (hot contract)
const R = addr(0x2000); // a router in front of it
const Q = addr(0x3000);
const COINBASE = addr(0xc0);

const tx = (from: string, to: string): ScenarioTx => ({ type: 2, from: `0x${from}`, to: `0x${to}`, nonce: '0x0', value: '0x0', input: '0x12345678', gas: '0x100000' });
function scenario(txs: ScenarioTx[]): Pick<Scenario, 'transactions' | 'block' | 'preState'> {
  return {
    transactions: txs,
    block: { coinbase: `0x${COINBASE}` } as Scenario['block'],
    preState: { [`0x${P}`]: { balance: '0x0', nonce: '0x1', code: '0x6000' }, [`0x${R}`]: { balance: '0x0', nonce: '0x1', code: '0x6000' } } as Scenario['preState'],
  };
}

const RES = slotKey(P, '8'.padStart(64, '0'), 0); // the pair's reserves
const start = (t: number, worker: number, tx: number, incarnation = 0, exec: 'first' | 'reexec' = incarnation ? 'reexec' : 'first'): Ev => ({ t, worker, tx, incarnation, kind: 'exec-start', exec });
const end = (t: number, worker: number, tx: number, gas: number, incarnation = 0, reads: StateKey[] = [], writes: StateKey[] = []): Ev => ({
  t, worker, tx, incarnation, kind: 'exec-end', reads, writes, gas, status: 'success', exec: incarnation ? 'reexec' : 'first',
});
const stop = (t: number, worker: number, tx: number, key: StateKey, blockingTx: number, incarnation = 0): Ev => ({ t, worker, tx, incarnation, kind: 'exec-abort', key, blockingTx });
const fail = (t: number, tx: number, key: StateKey, writerTx: number, incarnation = 0): Ev => ({ t, worker: -1, tx, incarnation, kind: 'validate-fail', key, writerTx });
const commit = (t: number, tx: number, gas: number, incarnation = 0): Ev => ({ t, worker: -1, tx, incarnation, kind: 'commit', gas });

/**
 * 12 transactions. tx 0 (A → P) writes the reserves; tx 1 (B → P) read them stale (same target, adjacent); tx 2
 * (A → Q) stopped on A's account marked by tx 0 (same sender, 2 apart); tx 3 (C → R) read the reserves stale from tx
 * 1, which had been aborted (different entry point, cascade); tx 4 (C → Q) read the coinbase; tx 5 (B → R) read D's
 * account, written by tx 4 (other); tx 11 (C → R) read the reserves with no writer below (vanished) and is never
 * re-run in this trace.
 */
function handBuilt() {
  const s = scenario([tx(A, P), tx(B, P), tx(A, Q), tx(C, R), tx(C, Q), tx(B, R), tx(B, Q), tx(B, Q), tx(B, Q), tx(B, Q), tx(B, Q), tx(C, R)]);
  const events: Ev[] = [
    start(0, 0, 0), end(1000, 0, 0, 100, 0, [RES], [RES, accountKey(A)]),
    start(0, 1, 1), end(2000, 1, 1, 200, 0, [RES], [RES]),
    fail(2100, 1, RES, 0),
    start(2200, 1, 1, 1), end(3200, 1, 1, 210, 1, [RES], [RES]),
    start(1000, 0, 2), stop(1500, 0, 2, accountKey(A), 0),
    start(1600, 0, 2, 1), end(2600, 0, 2, 50, 1, [accountKey(A)], [accountKey(A)]),
    start(2600, 0, 3), end(3000, 0, 3, 300, 0, [RES], []),
    fail(3300, 3, RES, 1),
    start(3400, 0, 3, 1), end(3800, 0, 3, 310, 1, [RES], []),
    start(3000, 1, 4), end(3500, 1, 4, 400, 0, [coinbaseKey(COINBASE), accountKey(D)], [accountKey(D)]),
    fail(3600, 4, coinbaseKey(COINBASE), 3),
    start(3700, 1, 4, 1), end(4000, 1, 4, 410, 1, [accountKey(D)], [accountKey(D)]),
    start(4000, 1, 5), end(4500, 1, 5, 500, 0, [accountKey(D)], []),
    fail(4600, 5, accountKey(D), 4),
    start(4700, 1, 5, 1), end(5000, 1, 5, 510, 1, [accountKey(D)], []),
    start(5000, 0, 11), end(5200, 0, 11, 1100, 0, [RES], []),
    fail(5300, 11, RES, -1),
    commit(6000, 0, 100), commit(6000, 1, 210, 1), commit(6000, 2, 50, 1), commit(6000, 3, 310, 1), commit(6000, 4, 410, 1), commit(6000, 5, 510, 1),
  ];
  return { s, trace: { events, txCount: 12, strategy: 'block-stm', workers: 2 } };
}

describe('abortRecords', () => {
  it('classifies each abort by pattern, distance, source and cascade, with the gas and time thrown away', () => {
    const { s, trace } = handBuilt();
    const r = abortRecords(trace, s);
    expect(r.map((x) => [x.tx, x.source, x.pattern, x.distance, x.cascade])).toEqual([
      [1, 'validation', 'same-target', 'adjacent', false],
      [2, 'estimate', 'same-sender', 'near', false],
      [3, 'validation', 'shared-contract', 'near', true],
      [4, 'validation', 'coinbase', 'adjacent', true],
      [5, 'validation', 'other', 'adjacent', true],
      [11, 'validation', 'vanished-write', 'none', false],
    ]);
    expect(r.map((x) => x.wastedGas)).toEqual([200, 0, 300, 400, 500, 1100]);
    expect(r.map((x) => x.wastedUs)).toEqual([2000, 500, 400, 500, 500, 200]);
    expect(r.map((x) => x.reexecuted)).toEqual([true, true, true, true, true, false]);
    // tx 4's committed execution reads D's account, not the coinbase; tx 11 never committed.
    expect(r.map((x) => x.stray)).toEqual([false, false, false, true, false, false]);
  });

  it('takes senders from the run when the scenario has none', () => {
    const { s, trace } = handBuilt();
    const bare = { ...s, transactions: s.transactions.map(({ from: _from, ...t }) => t) };
    // Without senders tx 2's abort is no longer a nonce chain (targets differ, A's account has no code).
    expect(abortRecords(trace, bare)[1]!.pattern).toBe('other');
    expect(abortRecords(trace, bare, s.transactions.map((t) => t.from))[1]!.pattern).toBe('same-sender');
  });
});

describe('abortAnatomy', () => {
  it('adds them up per key and per account, ranked, with who touches the key', () => {
    const { s, trace } = handBuilt();
    const a = abortAnatomy(trace, s);
    expect(a.aborts).toBe(6);
    expect([a.validation, a.estimate]).toEqual([5, 1]);
    expect(a.reexecutions).toBe(5);
    expect(a.wastedGas).toBe(2500);
    expect(a.wastedMs).toBeCloseTo(4.1);
    expect(a.cascades).toBe(3);
    expect(a.blockGas).toBe(100 + 210 + 50 + 310 + 410 + 510);
    expect(a.undeclared).toBe(0);
    expect(a.stray).toBe(1);
    expect(a.patterns).toEqual({ 'same-target': 1, 'shared-contract': 1, 'same-sender': 1, coinbase: 1, 'vanished-write': 1, undeclared: 0, other: 1 });
    expect(a.distances).toEqual({ adjacent: 3, near: 2, far: 0, none: 1 });

    const top = a.byKey[0]!;
    expect(top.key).toBe(RES);
    expect(top.hex).toBe('0x0000…1000[0x8]');
    expect([top.aborts, top.validation, top.estimate, top.reexecutions, top.wastedGas]).toEqual([3, 3, 0, 2, 1600]);
    expect([top.readers, top.writers]).toEqual([3, 2]);
    // Committed executions: txs 0, 1, 3 read or write the reserves (tx 11 never committed here); 2 txs call P.
    expect([top.touchedBy, top.accountTouchedBy, top.calledBy]).toEqual([3, 3, 2]);
    expect(top.txs).toEqual([0, 1, 3, 11]);
    expect(a.byKey.map((k) => k.aborts)).toEqual([3, 1, 1, 1]);
    expect(a.byAccount[0]).toMatchObject({ address: `0x${P}`, aborts: 3, keys: 1, wastedGas: 1600 });
    expect(a.otherKeys).toEqual({ keys: 0, aborts: 0, wastedGas: 0 });

    const small = abortAnatomy(trace, s, { top: 1 });
    expect(small.byKey).toHaveLength(1);
    expect(small.otherKeys).toEqual({ keys: 3, aborts: 3, wastedGas: 900 });
  });

  it('says it in words from the figures, and names keys with a caller’s namer', () => {
    const { s, trace } = handBuilt();
    const a = abortAnatomy(trace, s);
    expect(a.summary).toContain('block-stm ×2: 6 aborts (5 failed validations, 1 stopped on an ESTIMATE)');
    expect(a.summary).toContain('50 % of them (3) are on 0x0000…1000[0x8], which 3 of the block\'s 12 transactions touch');
    expect(a.summary).toContain('50 % are cascades');
    const named = nameAnatomy(a, { key: (k, txs) => (keyAddress(k) === P ? `the pair’s reserves (${txs.length} txs)` : k), account: () => 'the pair' });
    expect(named.byKey[0]!.name).toBe('the pair’s reserves (4 txs)'); // readers 1, 3, 11 and writers 0, 1
    expect(named.byKey[0]!.hex).toBe('0x0000…1000[0x8]');
    expect(named.summary).toContain('are on the pair’s reserves (4 txs)');
    expect(named.byAccount[0]!.name).toBe('the pair');
  });

  it('counts a key a declaration missed as an abort of its own kind, with the gas of the execution it voided', () => {
    const s = scenario([tx(A, P), tx(B, P)]);
    const events: Ev[] = [
      start(0, 0, 0), end(10, 0, 0, 100), start(0, 1, 1), end(30, 1, 1, 250),
      { t: 30, worker: 1, tx: 1, incarnation: 0, kind: 'undeclared', key: RES },
      start(40, 0, 1, 1), end(60, 0, 1, 260, 1), commit(70, 0, 100), commit(70, 1, 260, 1),
    ];
    const a = abortAnatomy({ events, txCount: 2, strategy: 'access-locks', workers: 2 }, s);
    expect([a.aborts, a.undeclared, a.validation, a.estimate, a.reexecutions, a.wastedGas]).toEqual([1, 1, 0, 0, 1, 250]);
    expect(a.patterns.undeclared).toBe(1);
    expect(a.distances.none).toBe(1);
    expect(a.summary).toContain('1 on an undeclared key');
  });

  it('has nothing to say about a run without aborts', () => {
    const s = scenario([tx(A, P)]);
    const a = abortAnatomy({ events: [start(0, 0, 0), end(10, 0, 0, 100), commit(20, 0, 100)], txCount: 1, strategy: 'block-stm', workers: 2 }, s);
    expect(a.aborts).toBe(0);
    expect(a.byKey).toEqual([]);
    expect(a.summary).toMatch(/no aborts/);
  });

  it('keeps its sums consistent on any trace', () => {
    const KEYS = [RES, accountKey(A), accountKey(D), coinbaseKey(COINBASE), slotKey(Q, '1'.padStart(64, '0'), 0)];
    const SENDERS = [A, B, C];
    const TARGETS = [P, Q, R];
    const step = fc.record({ tx: fc.nat(), writer: fc.integer({ min: -1, max: 30 }), key: fc.constantFrom(...KEYS), estimate: fc.boolean(), gas: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.tuple(fc.constantFrom(...SENDERS), fc.constantFrom(...TARGETS)), { minLength: 30, maxLength: 30 }),
        fc.array(step, { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (n, who, steps, top) => {
          const s = scenario(who.slice(0, n).map(([f, t]) => tx(f, t)));
          const inc = new Array<number>(n).fill(0);
          const events: Ev[] = [];
          let t = 0;
          let failedGas = 0;
          let validations = 0;
          const farWriters: number[] = [];
          for (const x of steps) {
            const i = x.tx % n;
            const writer = x.writer < 0 ? -1 : x.writer % (i + 1) === i ? -1 : x.writer % (i + 1);
            if (writer >= 0 && i - writer > 8) farWriters.push(i);
            events.push(start(t++, 0, i, inc[i]));
            if (x.estimate && writer >= 0) events.push(stop(t++, 0, i, x.key, writer, inc[i]));
            else {
              events.push(end(t++, 0, i, x.gas, inc[i]), fail(t++, i, x.key, writer, inc[i]));
              failedGas += x.gas;
              validations++;
            }
            inc[i]++;
          }
          for (let i = 0; i < n; i++) events.push(start(t++, 1, i, inc[i]), end(t++, 1, i, 7, inc[i]), commit(t++, i, 7, inc[i]));
          const a = abortAnatomy({ events, txCount: n, strategy: 'block-stm', workers: 2 }, s, { top });
          const sum = (o: Record<string, number>) => Object.values(o).reduce((p, q) => p + q, 0);
          expect(a.aborts).toBe(steps.length);
          expect(a.validation).toBe(validations);
          expect(a.validation + a.estimate + a.undeclared).toBe(a.aborts);
          expect(sum(a.patterns)).toBe(a.aborts);
          expect(sum(a.distances)).toBe(a.aborts);
          expect(a.distances.far).toBe(farWriters.length);
          expect(a.wastedGas).toBe(failedGas);
          expect(a.blockGas).toBe(7 * n);
          // Every abort here is followed by a later execution of its transaction (the final round).
          expect(a.reexecutions).toBe(steps.length);
          expect(a.cascades).toBeLessThanOrEqual(a.aborts);
          expect(a.stray).toBe(a.aborts); // the committed executions here read nothing
          expect(a.byKey.length).toBeLessThanOrEqual(top);
          expect(a.byKey.reduce((p, k) => p + k.aborts, 0) + a.otherKeys.aborts).toBe(a.aborts);
          expect(a.byKey.reduce((p, k) => p + k.wastedGas, 0) + a.otherKeys.wastedGas).toBe(a.wastedGas);
          for (let j = 1; j < a.byKey.length; j++) expect(a.byKey[j - 1]!.aborts).toBeGreaterThanOrEqual(a.byKey[j]!.aborts);
          for (const k of a.byKey) expect(k.readers).toBeLessThanOrEqual(k.aborts);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('distance buckets: 1 adjacent, 2–8 near, farther far, no writer none', () => {
    expect([distanceOf(5, 4), distanceOf(5, 3), distanceOf(9, 1), distanceOf(10, 1), distanceOf(3, -1)]).toEqual(['adjacent', 'near', 'near', 'far', 'none']);
  });
});

describe('the anatomy of real runs', () => {
  const pool = testPool(2);
  afterAll(() => pool.dispose());

  it('counts the aborts every strategy counts, and their wasted gas is part of the run’s', async () => {
    const s = ammSwaps(40);
    for (const strategy of STRATEGY_CATALOG.map((x) => x.name).filter((x) => x !== 'sequential' && x !== 'block-stm')) {
      const run = await runScenario(s, { strategy, workers: 2, senders: 'trust' }, pool);
      const a = abortAnatomy(run.trace, s, { senders: run.result.senders });
      expect(a.aborts, strategy).toBe(run.result.stats.aborts);
      expect(a.wastedGas, strategy).toBeLessThanOrEqual(runMetrics(run.result, run.trace).wastedGas);
    }
  });

  it('finds block-stm’s aborts on a single pool in that pool’s contract', async () => {
    const s = ammSwaps(80);
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = await runScenario(s, { strategy: 'block-stm', workers: 2, senders: 'trust' }, pool);
      const a = abortAnatomy(run.trace, s, { senders: run.result.senders });
      expect(a.aborts).toBe(run.result.stats.aborts);
      expect(a.blockGas).toBe(Number(BigInt(run.result.gasUsed)));
      expect(a.wastedGas).toBeLessThanOrEqual(runMetrics(run.result, run.trace).wastedGas);
      if (a.aborts === 0) continue; // timing: two workers may happen not to collide; try again
      // Every swap calls the one pool: every abort is on a slot of it, between two calls to it.
      expect(a.byKey[0]!.touchedBy).toBe(80);
      expect(a.byAccount).toHaveLength(1);
      expect(a.patterns['same-target']).toBe(a.aborts);
      return;
    }
  });
});
