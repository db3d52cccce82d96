import { afterAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/trace/events.ts';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { EngineHost } from './host.ts';
import { isRunCancelled } from './protocol.ts';

describe('EngineHost', () => {
  const host = new EngineHost(createNodePool, { blockBase: 'file:///unused/' });
  afterAll(() => host.dispose());
  const source = { kind: 'preset', id: 'dex-rush', txs: 20, seed: 1, knobs: {} } as const;

  it('probes its workers, generates the preset, streams every event before the result, and agrees with sequential', async () => {
    await host.probe();
    const scenario = await host.load(source);
    expect(scenario.transactions).toHaveLength(20);
    const events: TraceEvent[] = [];
    let batches = 0;
    const result = await host.run(source, { strategy: 'block-stm', workers: 2 }, async (b) => {
      batches++;
      await new Promise((r) => setTimeout(r, 5)); // a slow page must still get everything, in order, first
      events.push(...b);
    });
    expect(result.txCount).toBe(20);
    expect(events[0]?.kind).toBe('run-start');
    expect(events.at(-1)?.kind).toBe('run-end');
    expect(batches).toBeGreaterThan(0);
    const reference = await host.reference(source);
    expect(reference.stateRoot).toBe(result.stateRoot);
    expect(reference.receiptsRoot).toBe(result.receiptsRoot);
  });

  it('cancel stops the run in progress (its events delivered first), and the next run completes', async () => {
    const big = { kind: 'preset', id: 'dex-rush', txs: 2000, seed: 1, knobs: {} } as const;
    await host.load(big);
    const events: TraceEvent[] = [];
    let cancelled = false;
    const run = host.run(big, { strategy: 'block-stm', workers: 2 }, (b) => {
      events.push(...b);
      if (!cancelled && b.some((e) => e.kind === 'exec-start')) {
        cancelled = true;
        void host.cancel();
      }
    });
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(isRunCancelled(error), String(error)).toBe(true);
    expect(events[0]?.kind).toBe('run-start');
    expect(events.some((e) => e.kind === 'run-end')).toBe(false);

    await host.cancel(); // nothing runs: a no-op
    const result = await host.run(source, { strategy: 'block-stm', workers: 2 });
    expect(result.txCount).toBe(20);
    expect(result.stateRoot).toBe((await host.reference(source)).stateRoot);
  });

  it('reports a bad scenario by its field', async () => {
    await expect(host.load({ kind: 'preset', id: 'dex-rush', txs: 20, seed: 1, knobs: { hotSpot: 3 } })).rejects.toThrow('knobs.hotSpot');
  });
});
