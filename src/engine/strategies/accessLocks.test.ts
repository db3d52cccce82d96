/** `access-locks`: the lock table's rules, and declarations from exact, partial and missing access lists. */
import { afterAll, describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import { type Intent, buildScenario } from '../../workloads/random.ts';
import { runScenario } from '../run.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import type { Declaration, LockMode } from './accessLocks/declarations.ts';
import { LockTable } from './accessLocks/lockTable.ts';

const pool = testPool(2);
afterAll(() => pool.dispose());

const decl = (keys: [string, LockMode][], barrier = false): Declaration => ({ keys: new Map(keys), barrier, source: 'access-list' });

describe('LockTable', () => {
  it('lets readers of a key run together and makes a writer wait for every earlier holder', () => {
    const t = new LockTable([decl([['k', 'read']]), decl([['k', 'read']]), decl([['k', 'write']]), decl([['k', 'read']])]);
    expect(t.initiallyFree()).toEqual([0, 1]);
    expect(t.release(0)).toEqual([]);
    expect(t.release(1)).toEqual([2]);
    expect(t.firstWait[3]).toEqual({ tx: 2, key: 'k' });
    expect(t.release(2)).toEqual([3]);
  });

  it('runs transactions on disjoint keys at once', () => {
    const t = new LockTable([decl([['a', 'write']]), decl([['b', 'write']]), decl([['a', 'write'], ['b', 'read']])]);
    expect(t.initiallyFree()).toEqual([0, 1]);
    expect(t.release(1)).toEqual([]);
    expect(t.release(0)).toEqual([2]);
  });

  it('hands a lock over to a transaction that waits only for members of one batch', () => {
    const t = new LockTable([decl([['a', 'write']]), decl([['b', 'write']]), decl([['a', 'write']]), decl([['a', 'write'], ['b', 'write']])]);
    expect(t.initiallyFree()).toEqual([0, 1]);
    expect(t.waitingFor(0)).toEqual([2]);
    expect(t.takeBehind(2, new Set([0]))).toBe(true);
    expect(t.takeBehind(3, new Set([0, 2]))).toBe(false); // also waits for 1, in another batch
    expect(t.release(0)).toEqual([]); // 2 was handed out already
    expect(t.release(2)).toEqual([]);
    expect(t.release(1)).toEqual([3]);
  });

  it('holds a barrier until every earlier transaction has released', () => {
    const t = new LockTable([decl([['a', 'write']]), decl([['b', 'write']]), decl([], true), decl([['c', 'write']])]);
    expect(t.initiallyFree()).toEqual([0, 1, 3]);
    expect(t.release(1)).toEqual([]);
    expect(t.release(0)).toEqual([2]);
  });
});

describe('access-locks', () => {
  it.each([
    ['exact', false],
    ['partial', true],
  ] as const)('with %s access lists equals sequential (undeclared accesses expected: %s)', async (accessLists, some) => {
    const scenario = generatePreset('mixed-defi', { txs: 300, accessLists }, 3);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const { result, trace } = await runScenario(scenario, { strategy: 'access-locks', workers: 2, senders: 'trust' }, pool);
    expectSameResult(result, reference, accessLists);
    const undeclared = trace.events.filter((e) => e.kind === 'undeclared');
    expect(result.stats.extra!.undeclaredAccesses).toBe(undeclared.length);
    if (some) expect(undeclared.length).toBeGreaterThan(0);
    else expect(undeclared).toEqual([]);
  });

  it('with wrong access lists, coinbase reads and tips, counts every stray and still equals sequential', async () => {
    const fee = { type: 2 as const, tip: 1_000_000_000n, extra: 1_000_000_000n };
    const intents: Intent[] = [
      ...Array.from({ length: 10 }, (_, i): Intent => ({ kind: 'increment', fee, from: i % 4, target: 0, accessList: false })),
      { kind: 'readCoinbase', fee, from: 1 },
      { kind: 'tipCoinbase', fee, from: 2, value: 5n },
      { kind: 'incrementBy', fee, from: 3, n: 7n },
    ];
    const senders = Array.from({ length: 4 }, () => ({ balance: 10n ** 19n, nonce: 0n }));
    const scenario = buildScenario({ hardfork: 'cancun', baseFee: 1_000_000_000n, senders, counterStart: 3n, coinbaseExists: true, intents, maxTxs: 40, accessLists: 'wrong' });
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const { result, trace } = await runScenario(scenario, { strategy: 'access-locks', workers: 2, senders: 'trust' }, pool);
    expectSameResult(result, reference, 'wrong lists');
    expect(result.stats.extra!.barriers).toBe(2);
    // Every call on the counter declared a slot it never touches instead of `count` or `lastCoinbaseBalance`.
    expect(result.stats.extra!.undeclaredAccesses).toBeGreaterThanOrEqual(11);
    expect(trace.events.filter((e) => e.kind === 'undeclared')).toHaveLength(result.stats.extra!.undeclaredAccesses);
  });
});
