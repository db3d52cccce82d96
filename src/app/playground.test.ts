import { afterAll, describe, expect, it } from 'vitest';
import { RunCancelled } from '../engine/runtime/errors.ts';
import { ScenarioError } from '../engine/scenario/index.ts';
import type { TraceEvent } from '../engine/trace/events.ts';
import { createNodePool } from '../engine/workers/nodePool.ts';
import { WorkerPool, type WorkerPort } from '../engine/workers/pool.ts';
import { ammSwaps } from '../workloads/bench.ts';
import { Playground, errorMessage } from './playground.ts';

describe('Playground', () => {
  const pools: WorkerPool[] = [];
  const playground = new Playground((n) => {
    const pool = createNodePool(n);
    pools.push(pool);
    return pool;
  });
  afterAll(() => playground.dispose());

  it('keeps one pool across runs, streams events, and its reference agrees with block-stm', async () => {
    const scenario = ammSwaps(16);
    const batches: TraceEvent[][] = [];
    const { result, trace } = await playground.run(scenario, { strategy: 'block-stm', workers: 2, onEvents: (b) => batches.push(b) });
    expect(result.txCount).toBe(16);
    expect(batches.flat()).toEqual(trace.events);
    const reference = await playground.reference(scenario);
    expect(reference.strategy).toBe('sequential');
    expect(reference.stateRoot).toBe(result.stateRoot);
    expect(reference.receiptsRoot).toBe(result.receiptsRoot);
    expect(pools).toHaveLength(1);
  });

  it('a cancelled run rejects with RunCancelled, even one the engine finished first; an aborted signal starts nothing', async () => {
    const late = new AbortController();
    // Aborted with the last events (run-end), after the engine's last look at the signal.
    const run = playground.run(ammSwaps(4), { strategy: 'sequential', workers: 1, signal: late.signal, onEvents: (b) => b.some((e) => e.kind === 'run-end') && late.abort() });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
    let started = false;
    const early = AbortSignal.abort();
    await expect(playground.run(ammSwaps(4), { strategy: 'sequential', workers: 1, signal: early, onEvents: () => (started = true) })).rejects.toBeInstanceOf(RunCancelled);
    expect(started).toBe(false);
    expect(playground.busy).toBe(false);
    expect((await playground.run(ammSwaps(4), { strategy: 'sequential', workers: 1 })).result.txCount).toBe(4);
  });

  it('refuses a second run while one is going', async () => {
    const first = playground.run(ammSwaps(4), { strategy: 'sequential', workers: 1 });
    expect(playground.busy).toBe(true);
    await expect(playground.run(ammSwaps(4), { strategy: 'sequential', workers: 1 })).rejects.toThrow('already going');
    await first;
    expect(playground.busy).toBe(false);
  });
});

describe('Playground with workers that cannot start', () => {
  it('stops the pool after a burst of crashes instead of replacing workers forever, and says why', async () => {
    let spawned = 0;
    const deadOnArrival = (): WorkerPort => {
      spawned++;
      return { api: {} as WorkerPort['api'], terminate: () => {}, onDeath: (cb) => void setTimeout(() => cb('worker script failed to load')) };
    };
    const failures: Error[] = [];
    const playground = new Playground((n) => new WorkerPool(deadOnArrival, n), { onFailure: (e) => failures.push(e) });
    playground.warm(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(failures).toHaveLength(1);
    expect(failures[0].message).toContain('worker script failed to load');
    expect(spawned).toBeLessThanOrEqual(12); // the pool gives up after a burst (8 in 5 s), it does not loop
    await expect(playground.run(ammSwaps(2), { strategy: 'sequential', workers: 1 })).rejects.toThrow('keep failing');
  });
});

describe('errorMessage', () => {
  it('shows engine and scenario errors by their message alone', () => {
    expect(errorMessage(new Error('transactions[3] is not valid: nonce too low'))).toBe('transactions[3] is not valid: nonce too low');
    expect(errorMessage(new ScenarioError([{ path: 'block.number', message: 'is required' }], 'x.json'))).toBe('x.json: block.number: is required');
  });

  it('names other error types, and stringifies what is not an error', () => {
    expect(errorMessage(new TypeError('x is undefined'))).toBe('TypeError: x is undefined');
    expect(errorMessage('plain')).toBe('plain');
  });
});
