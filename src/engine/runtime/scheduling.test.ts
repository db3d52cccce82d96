/**
 * Scheduling decisions, tested deterministically: every strategy's policy on the scripted transport (toy
 * transactions, chosen interleavings, no threads, no EVM), and the runtime's own rules (stall, cancellation).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ethTransfers } from '../../workloads/bench.ts';
import type { Result } from '../result.ts';
import type { Scenario } from '../scenario/types.ts';
import { baseStateOf } from '../state/baseState.ts';
import { STRATEGY_NAMES } from '../strategies/catalog.ts';
import { senderLanes } from '../strategies/examples/senderLanes.ts';
import { getStrategy } from '../strategies/registry.ts';
import { hashPlacement } from '../strategies/shards/placement.ts';
import { checkTrace } from '../testing/traceCheck.ts';
import type { TraceEvent } from '../trace/events.ts';
import { TraceRecorder } from '../trace/recorder.ts';
import { EngineFailure, RunCancelled } from './errors.ts';
import { execute } from './execute.ts';
import type { StrategyDef } from './policy.ts';
import { ReplicaLog } from './replicaLog.ts';
import { type PendingCall, ScriptedTransport, type ToyTx, toySequential } from './scriptedTransport.ts';

/** A storage slot of toy contract `c` (40-hex address made of `c`s, never a precompile). */
const addr = (c: number) => (c + 1).toString(16).padStart(40, 'c');
const slot = (c: number, s: number) => `s${addr(c)}${s.toString(16).padStart(64, '0')}`;
const A = slot(0, 1);
const B = slot(0, 2);
const C = slot(1, 1);
const keys = [A, B, C, slot(2, 1), slot(3, 7)];

function shell(n: number, sameSender = false): Scenario {
  const s = ethTransfers(Math.max(1, n), { seed: 5 });
  const txs = s.transactions.slice(0, n);
  return { ...s, transactions: sameSender ? txs.map((t) => ({ ...t, from: txs[0].from })) : txs };
}

async function scripted(def: StrategyDef | string, txs: ToyTx[], workers: number, opts: { choose?: (p: readonly PendingCall[]) => number; scenario?: Scenario; signal?: AbortSignal } = {}) {
  const scenario = opts.scenario ?? shell(txs.length);
  const recorder = new TraceRecorder();
  const log = new ReplicaLog(workers);
  const base = baseStateOf(scenario);
  const transport = new ScriptedTransport({ workers, log, base, txs, choose: opts.choose });
  const strategy = typeof def === 'string' ? getStrategy(def) : def;
  // Toy executions read and write their keys as given: no lazy senders (a sender's transactions stay a chain).
  const out = await execute(strategy, { scenario, workers, senderMode: 'trust', recorder, transport, log, signal: opts.signal, lazySenders: false });
  const expected = toySequential(txs, base);
  for (const [k, v] of expected) expect(out.state.read(k), `${strategy.name}: ${k}`).toBe(v);
  const problems = checkTrace({ strategy: strategy.name, workers, txCount: txs.length, events: recorder.events }, { stats: { ...out.stats, wallMs: 0, rootMs: 0, workerRestarts: 0 } } as Result);
  expect(problems, `${strategy.name}×${workers} trace`).toEqual([]);
  return { out, events: recorder.events, sent: transport.sent };
}

const of = <K extends TraceEvent['kind']>(events: TraceEvent[], kind: K) => events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
const preferWorker = (w: number) => (p: readonly PendingCall[]) => Math.max(0, p.findIndex((c) => c.worker === w));

describe('block-stm policy', () => {
  it('aborts a transaction that read before its writer finished, names the key and writer, and re-runs it over the write', async () => {
    // Worker 0 takes transactions 0 and 1 (two batches in flight), worker 1 takes 2 and 3 and answers first.
    const D = slot(4, 1);
    const txs = [{ reads: [], writes: [A] }, { reads: [], writes: [D] }, { reads: [A], writes: [B] }, { reads: [C], writes: [slot(5, 1)] }];
    const { events, out, sent } = await scripted('block-stm', txs, 2, { choose: preferWorker(1) });
    expect(sent.slice(0, 4).map((c) => [c.worker, c.batch.tasks.map((t) => t.tx)])).toEqual([[0, [0]], [0, [1]], [1, [2]], [1, [3]]]);
    const fail = of(events, 'validate-fail');
    expect(fail).toHaveLength(1);
    expect(fail[0]).toMatchObject({ tx: 2, incarnation: 0, key: A, writerTx: 0 });
    // What it read (the pre-state's 0) and what it should have seen (tx 0's write: 1000·1 + nothing read), as trace data.
    expect(fail[0]).toMatchObject({ read: '0x0', expected: `0x${(1000).toString(16)}` });
    expect(of(events, 'commit').map((e) => [e.tx, e.incarnation])).toEqual([[0, 0], [1, 0], [2, 1], [3, 0]]);
    expect(out.stats).toMatchObject({ executions: 5, hintExecutions: 0, reexecutions: 1, aborts: 1, abortsByKey: { [A]: 1 } });
  });

  it('once something aborted, heavy transactions are not queued speculatively behind a running batch', async () => {
    // The first test's conflict (2 reads A before 0's write arrives), then six independent transactions. Light, the
    // policy keeps a second batch queued on each worker; heavy (5 ms each), after the abort a worker gets its next
    // speculative task only once its batch is back — the task then reads what was just validated.
    const D = slot(4, 1);
    const block = (us: number) => [
      { reads: [], writes: [A], us },
      { reads: [], writes: [D], us },
      { reads: [A], writes: [B], us },
      { reads: [C], writes: [slot(5, 1)], us },
      ...[6, 7, 8, 9, 10, 11].map((c) => ({ reads: [], writes: [slot(c, 1)], us })),
    ];
    // Worker 1's first batch (2) answers first, then the workers take turns: 0's answer (tx 0) aborts 2 early. The
    // first five calls are made before that answer; after it, the calls queued behind a running batch.
    const queuedLater = (sent: { behind: number }[]) => sent.slice(5).filter((c) => c.behind > 0).length;
    const turns = () => {
      let k = 0;
      return (p: readonly PendingCall[]) => preferWorker(k++ === 0 ? 1 : k % 2)(p);
    };
    const light = await scripted('block-stm', block(1), 2, { choose: turns() });
    const heavy = await scripted('block-stm', block(5_000), 2, { choose: turns() });
    for (const run of [light, heavy]) expect(of(run.events, 'validate-fail').map((e) => [e.tx, e.key])).toEqual([[2, A]]);
    expect(queuedLater(light.sent)).toBeGreaterThan(0);
    expect(queuedLater(heavy.sent)).toBe(0);
  });

  it('queues a same-sender transaction behind its predecessor on the same worker: no abort', async () => {
    const txs = [{ reads: [], writes: [A] }, { reads: [A], writes: [B] }, { reads: [B], writes: [C] }];
    const { events, sent, out } = await scripted('block-stm', txs, 2, { choose: preferWorker(1), scenario: shell(3, true) });
    const workerOf = new Map(of(events, 'exec-start').map((e) => [e.tx, e.worker]));
    expect(new Set(workerOf.values()).size).toBe(1);
    expect(out.stats.aborts).toBe(0);
    expect(sent.every((c) => c.worker === sent[0].worker)).toBe(true);
  });

  it('sends a sender\'s chain in batches beyond the adaptive size (no speculation added), independent work not', async () => {
    // 200 transactions: the adaptive batch size starts at 7 (n / (workers · 16)), the largest is 25 (n / (workers · 4)).
    const chain = Array.from({ length: 200 }, (_, i) => ({ reads: [slot(6, i)], writes: [slot(6, i + 1)] }));
    const chained = await scripted('block-stm', chain, 2, { scenario: shell(200, true) });
    expect(chained.out.stats.aborts).toBe(0);
    // Each transaction follows the one before it in the same batch: every batch is a full one, on one worker.
    expect(chained.sent.map((c) => c.batch.tasks.length)).toEqual([25, 25, 25, 25, 25, 25, 25, 25]);
    expect(new Set(chained.sent.map((c) => c.worker)).size).toBe(1);
    const independent = Array.from({ length: 200 }, (_, i) => ({ reads: [slot(7, i)], writes: [slot(8, i)] }));
    const spread = await scripted('block-stm', independent, 2);
    // Independent work: one task a batch until an execution has come back (nothing says yet how heavy they are),
    // then the adaptive size, which grows while nothing aborts.
    const sizes = spread.sent.map((c) => c.batch.tasks.length);
    expect(sizes.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(sizes[4]).toBe(9); // 7, grown by 2 with the first results
    expect(Math.max(...sizes)).toBe(25);
    expect(spread.sent.length).toBeGreaterThan(chained.sent.length);
  });
});

describe('occ-rounds policy', () => {
  it('keeps a result still valid at the start of the next round instead of re-running it', async () => {
    const txs = [{ reads: [], writes: [A] }, { reads: [A], writes: [B] }, { reads: [C], writes: [slot(2, 1)] }];
    const { events } = await scripted('occ-rounds', txs, 2);
    const runs = (tx: number) => of(events, 'exec-start').filter((e) => e.tx === tx).length;
    expect(of(events, 'validate-fail').map((e) => e.tx)).toEqual([1]);
    expect(of(events, 'validate-fail')[0]).toMatchObject({ key: A, writerTx: 0, read: '0x0', expected: `0x${(1000).toString(16)}` });
    expect([runs(0), runs(1), runs(2)]).toEqual([1, 2, 1]);
  });
});

describe('dag policy', () => {
  it('re-runs a transaction whose hint was wrong when it reaches the commit point', async () => {
    // Against the pre-state tx 1 sees A = 0 and writes nothing, so the DAG has no edge 1 → 2; once tx 0 wrote A,
    // tx 1 also writes B, which tx 2 (already run) read: caught at tx 2's commit, and run again.
    const txs = [{ reads: [], writes: [A] }, { reads: [A], writes: [], branch: { on: A, also: [B] } }, { reads: [B], writes: [C] }];
    const { events, out } = await scripted('dag', txs, 2);
    expect(of(events, 'validate-fail').map((e) => [e.tx, e.key])).toEqual([[2, B]]);
    expect(out.stats).toMatchObject({ hintExecutions: 3, reexecutions: 1 });
  });
});

describe('access-locks policy', () => {
  it('hands a lock over inside a batch: the reader runs behind its writer on the same worker', async () => {
    const txs = [{ reads: [], writes: [A] }, { reads: [A], writes: [B] }];
    const { sent, out } = await scripted('access-locks', txs, 2);
    const real = sent.filter((c) => !c.batch.tasks.some((t) => t.hint));
    expect(real.map((c) => c.batch.tasks.map((t) => t.tx))).toEqual([[0, 1]]);
    expect(out.stats).toMatchObject({ aborts: 0, hintExecutions: 2, reexecutions: 0 });
  });

  it('discards an execution that touched an undeclared key and re-runs it serially', async () => {
    const txs = [{ reads: [], writes: [A] }, { reads: [A], writes: [], branch: { on: A, also: [C] } }];
    const { events, out } = await scripted('access-locks', txs, 2);
    expect(of(events, 'undeclared').map((e) => [e.tx, e.key])).toEqual([[1, C]]);
    expect(out.stats).toMatchObject({ aborts: 1, reexecutions: 1, extra: { undeclaredAccesses: 1 } });
  });
});

describe('shards policy', () => {
  it('re-runs a misrouted transaction on its home shard at the commit point', async () => {
    const S = 4;
    const scenario = shell(2);
    const p = hashPlacement(S);
    const route = new Set([scenario.transactions[1].from!, scenario.transactions[1].to!, `0x${addr(0)}`].map((a) => p.shardOf(a.slice(2).toLowerCase())));
    // A contract on a shard outside tx 1's route: its hint (pre-state, A = 0) never touches it.
    let c = 3;
    while (route.has(p.shardOf(addr(c)))) c++;
    const far = slot(c, 1);
    const txs = [{ reads: [], writes: [A] }, { reads: [A], writes: [], branch: { on: A, also: [far] } }];
    const { events, out } = await scripted('shards', txs, S, { scenario });
    expect(of(events, 'undeclared').map((e) => [e.tx, e.key])).toEqual([[1, far]]);
    const home = of(events, 'shard-route').find((e) => e.tx === 1 && e.incarnation === 1)!.shards[0];
    const rerun = of(events, 'exec-start').find((e) => e.tx === 1 && e.incarnation === 2)!;
    expect(rerun.worker).toBe(home);
    expect(of(events, 'commit').find((e) => e.tx === 1)!.incarnation).toBe(2);
    expect(out.stats.extra).toMatchObject({ misroutedTxs: 1 });
  });
});

describe('every policy, any interleaving', () => {
  const toyTx = (keys: string[]) =>
    fc.record({
      reads: fc.subarray(keys, { maxLength: 3 }),
      writes: fc.subarray(keys, { maxLength: 2 }),
      branch: fc.option(fc.record({ on: fc.constantFrom(...keys), also: fc.subarray(keys, { minLength: 1, maxLength: 2 }) }), { nil: undefined }),
    });
  it('commits the sequential state for random toy blocks, worker counts and completion orders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(toyTx(keys), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), async (txs, workers, picks) => {
        for (const strategy of [...STRATEGY_NAMES, senderLanes]) {
          let k = 0;
          await scripted(strategy, txs as ToyTx[], workers, { choose: (p) => picks[k++ % picks.length] % p.length });
        }
      }),
      { numRuns: 60, seed: 20261203 },
    );
  });
});

describe('the runtime', () => {
  it('reports a policy that has nothing in flight and nothing to run as a stall (an internal error)', async () => {
    const idle: StrategyDef = { name: 'idle', policy: () => ({ next: () => null, onResults: () => {}, head: () => null }) };
    await expect(scripted(idle, [{ reads: [], writes: [A] }], 2)).rejects.toThrow(EngineFailure);
    await expect(scripted(idle, [{ reads: [], writes: [A] }], 2)).rejects.toThrow(/idle stalled at transaction 0/);
  });

  it('a cancelled run rejects with RunCancelled and sends nothing more', async () => {
    const controller = new AbortController();
    const txs = Array.from({ length: 40 }, (_, i) => ({ reads: [keys[i % 5]], writes: [keys[(i + 1) % 5]] }));
    let calls = 0;
    const run = scripted('block-stm', txs, 2, {
      choose: () => {
        if (++calls === 3) controller.abort();
        return 0;
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow(RunCancelled);
  });
});
