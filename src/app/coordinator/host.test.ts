import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario, ScenarioTx } from '../../engine/scenario/types.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { quantity } from '../../workloads/abi.ts';
import { ETH, GWEI, account, blockEnv } from '../../workloads/common.ts';
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

  it('runs the editor\'s setup transactions in order, here, and hands back the state they leave', async () => {
    const from = account('5e7a', 0);
    const to = account('5e7a', 1);
    const pay = (nonce: number): ScenarioTx => ({
      type: 2, from, to, nonce: quantity(nonce), value: quantity(1000n), input: '0x', gas: quantity(21_000n),
      maxFeePerGas: quantity(2n * GWEI), maxPriorityFeePerGas: '0x0', chainId: '0x1',
    });
    const setup: Scenario = {
      version: 1,
      name: 'setup',
      chain: { chainId: 1, hardfork: 'cancun' },
      block: blockEnv('cancun', { gasLimit: 1_000_000n, baseFee: GWEI }),
      preState: { [from]: { balance: quantity(ETH), nonce: '0x0' } },
      transactions: [pay(0), pay(0), pay(1)], // the second reuses a nonce: not valid, and it changes nothing
    };
    const out = await host.runSetup(setup);
    expect(out.failures).toEqual([undefined, expect.stringMatching(/^not valid: /), undefined]);
    expect(out.preState[to]?.balance).toBe(quantity(2000n));
    expect(out.preState[from]?.nonce).toBe('0x2');
  });

  it('reports a bad scenario by its field', async () => {
    await expect(host.load({ kind: 'preset', id: 'dex-rush', txs: 20, seed: 1, knobs: { hotSpot: 3 } })).rejects.toThrow('knobs.hotSpot');
  });
});

describe('EngineHost warm-up', () => {
  const host = new EngineHost(createNodePool, { blockBase: 'file:///unused/' });
  afterAll(() => host.dispose());
  const source = { kind: 'preset', id: 'dex-rush', txs: 20, seed: 1, knobs: {} } as const;

  it('runs each strategy asked for once, says which ECDSA sender recovery uses, and is not repeated', async () => {
    await host.probe();
    const w = await host.warmUp({ strategies: ['sequential', 'block-stm'], workers: 2 });
    expect(w).toMatchObject({ strategies: ['sequential', 'block-stm'], cancelled: false, ecrecover: { path: 'wasm' } });
    const again = await host.warmUp({ strategies: ['sequential', 'block-stm'], workers: 2 });
    expect(again).toMatchObject({ strategies: [], cancelled: false, ms: 0 });
  });

  it('sets the scenario the first run is expected to be of up on the workers, and that run is right', async () => {
    const w = await host.warmUp({ strategies: ['sequential', 'block-stm'], workers: 2, source });
    expect(w).toMatchObject({ strategies: [], cancelled: false, primed: true });
    const result = await host.run(source, { strategy: 'block-stm', workers: 2 });
    expect(result.txCount).toBe(20);
    expect((await host.reference(source)).stateRoot).toBe(result.stateRoot);
    expect(await host.warmUp({ strategies: ['sequential', 'block-stm'], workers: 2, source })).toMatchObject({ primed: false, ms: 0 });
  });

  it('makes way for a run, a load and a cancel: stopped at once, and the run gets the workers', async () => {
    const warming = host.warmUp({ strategies: ['dag', 'occ-rounds'], workers: 2 });
    const result = await host.run(source, { strategy: 'block-stm', workers: 2 });
    expect(result.txCount).toBe(20);
    expect(await warming).toMatchObject({ cancelled: true, strategies: [] });

    const warming2 = host.warmUp({ strategies: ['dag'], workers: 2 });
    await host.load({ ...source, txs: 30 });
    expect((await warming2).cancelled).toBe(true);

    const warming3 = host.warmUp({ strategies: ['dag'], workers: 2 });
    await new Promise((r) => setTimeout(r, 20));
    await host.cancel();
    expect((await warming3).cancelled).toBe(true);
    expect((await host.reference(source)).stateRoot).toBe(result.stateRoot);
  });
});
