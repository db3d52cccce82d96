import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { coinbaseKey } from '../evm/keys.ts';
import { runScenario } from '../run.ts';
import { loadScenarioFile } from '../scenario/loadFile.node.ts';
import type { TraceEvent } from '../trace/events.ts';
import { testPool } from '../testing/harness.ts';
import { analyseConflicts, committedAccesses, timeWeightedBound } from './conflicts.ts';

const end = (tx: number, reads: string[], writes: string[], gas: number, incarnation = 0): TraceEvent => ({
  t: tx, worker: 0, tx, incarnation, kind: 'exec-end', reads, writes, gas, status: 'success',
});
const commit = (tx: number, incarnation = 0): TraceEvent => ({ t: tx, worker: -1, tx, incarnation, kind: 'commit', gas: 0 });

describe('analyseConflicts', () => {
  it('finds read-after-write edges on the last writer, and the gas-weighted critical path', () => {
    const events = [
      end(0, ['x'], ['x'], 10), commit(0),
      end(1, ['y'], ['y'], 50), commit(1),
      end(2, ['x'], ['z'], 20), commit(2),
      end(3, ['z', 'y'], [], 5), commit(3),
    ];
    const a = analyseConflicts({ events, txCount: 4 });
    expect(a.edges).toEqual([
      { from: 0, to: 2, key: 'x' },
      { from: 2, to: 3, key: 'z' },
      { from: 1, to: 3, key: 'y' },
    ]);
    expect(a.criticalPath).toEqual([1, 3]);
    expect(a.criticalPathGas).toBe(55);
    expect(a.speedupBound).toBeCloseTo(85 / 55);
    expect(a.independent).toBe(2);
  });

  it('weights the critical path by execution time too, where gas is a poor clock', () => {
    const start = (tx: number, t: number): TraceEvent => ({ t, worker: 0, tx, incarnation: 0, kind: 'exec-start', exec: 'first' });
    const timed = (tx: number, t0: number, t1: number, reads: string[], writes: string[], gas: number): TraceEvent[] => [start(tx, t0), { ...end(tx, reads, writes, gas), t: t1 }, commit(tx)];
    // tx 1 is cheap in gas but slow: alone it is 80 % of the time, whatever runs beside it.
    const events = [...timed(0, 0, 100, [], ['a'], 100), ...timed(1, 100, 900, [], ['b'], 10), ...timed(2, 900, 1000, ['a'], [], 100)];
    const a = analyseConflicts({ events, txCount: 3 });
    expect(a.speedupBound).toBeCloseTo(210 / 200);
    expect(a.criticalPathUs).toBe(800);
    expect(a.timeBound).toBeCloseTo(1000 / 800);
    expect(analyseConflicts({ events: events.filter((e) => e.kind !== 'exec-start'), txCount: 3 }).timeBound).toBeUndefined(); // no times, no claim
  });

  it('uses each transaction\'s committed incarnation only', () => {
    const events = [end(0, [], ['x'], 10), end(1, ['x'], [], 10, 0), end(1, [], [], 10, 1), commit(0), commit(1, 1)];
    expect(analyseConflicts({ events, txCount: 2 }).edges).toEqual([]);
  });

  it('does not count fee credits as conflicts, but a coinbase reader depends on every credit before it', () => {
    const cb = 'acb';
    const events = [end(0, [], [cb], 10), end(1, [], [cb], 10), end(2, [cb], [cb], 10), end(3, [], [cb], 10), end(4, [cb], [], 10)];
    for (let i = 0; i < 5; i++) events.push(commit(i));
    const a = analyseConflicts({ events, txCount: 5 }, cb);
    expect(a.edges.map((e) => [e.from, e.to])).toEqual([[0, 2], [1, 2], [2, 4], [3, 4]]);
  });
});

describe('timeWeightedBound', () => {
  it('gives analyseConflicts\' time bound for another run with the same accesses, from the first run\'s graph', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'acb');
    const tx = fc.record({ reads: fc.uniqueArray(key, { maxLength: 3 }), writes: fc.uniqueArray(key, { maxLength: 3 }), us: fc.tuple(fc.nat(500), fc.nat(500)) });
    fc.assert(
      fc.property(fc.array(tx, { maxLength: 12 }), (txs) => {
        // The same block run twice (one worker, back to back), only the execution times differ.
        const run = (which: 0 | 1) => {
          const events: TraceEvent[] = [];
          let t = 0;
          txs.forEach((x, i) => {
            events.push({ t, worker: 0, tx: i, incarnation: 0, kind: 'exec-start', exec: 'first' });
            t += x.us[which];
            events.push({ ...end(i, x.reads, x.writes, 10), t }, { ...commit(i), t });
          });
          return { events, txCount: txs.length };
        };
        const [first, second] = [run(0), run(1)];
        const again = analyseConflicts(second, 'acb');
        const us = committedAccesses(second.events, second.txCount).map((c) => c.us);
        expect(us).toEqual(txs.map((x) => x.us[1]));
        const { timeBound, criticalPathUs } = again;
        expect(timeWeightedBound(analyseConflicts(first, 'acb').edges, us)).toEqual(timeBound === undefined ? {} : { timeBound, criticalPathUs });
      }),
    );
  });
});

describe('analyseConflicts on real blocks', () => {
  const dir = fileURLToPath(new URL('../../../../shared/data/mainnet/', import.meta.url));
  const readme = readFileSync(dir + 'README.md', 'utf8');
  const pool = testPool(1);
  afterAll(() => pool.dispose());

  // Blocks whose coinbase sends no transactions: the plain bound (senders read in full) is the data README's (same key
  // model); with lazy senders one sender's payments are no chain, and the bound rises where they were one.
  for (const [block, bound, independent, lazyAbove] of [['13287210', 1.01, 5, 50], ['15537394', 1.41, 40, 1.41], ['19426587', 6.5, 29, 6.5]] as const) {
    it(`block ${block}: bound ${bound}× as the data README says with senders read in full; at least ${lazyAbove}× with lazy senders`, async () => {
      expect(readme).toContain(`${bound}×`);
      const s = await loadScenarioFile(`${dir}${block}.json`, { trustFrom: true });
      const { trace } = await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
      const a = analyseConflicts(trace, coinbaseKey(s));
      expect(a.plain?.speedupBound).toBeCloseTo(bound, 1);
      expect(a.plain?.independent).toBe(independent);
      expect(a.speedupBound).toBeGreaterThanOrEqual(lazyAbove - 0.01);
    });
  }

  it('block 11814555: the miner pays its pool in 577 transactions, one nonce chain the README does not count (none with lazy senders)', async () => {
    const s = await loadScenarioFile(`${dir}11814555.json`, { trustFrom: true });
    const { trace } = await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
    const a = analyseConflicts(trace, coinbaseKey(s));
    expect(a.plain?.speedupBound).toBeLessThan(1.05);
    expect(a.plain?.criticalPathLength).toBe(577);
    expect(a.speedupBound).toBeGreaterThan(30);
  });

  it('block 19426587: a second sequential run has the same graph, so its time bound needs only its times', async () => {
    const s = await loadScenarioFile(`${dir}19426587.json`, { trustFrom: true });
    const runs = [];
    for (let i = 0; i < 2; i++) runs.push((await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool)).trace);
    const [a, b] = runs.map((t) => analyseConflicts(t, coinbaseKey(s)));
    expect(b!.edges).toEqual(a!.edges);
    const us = committedAccesses(runs[1]!.events, runs[1]!.txCount).map((c) => c.us);
    expect(timeWeightedBound(a!.edges, us)).toEqual({ timeBound: b!.timeBound, criticalPathUs: b!.criticalPathUs });
    expect(b!.timeBound).toBeGreaterThan(1);
  });
});
