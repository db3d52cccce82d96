/** The simulator: the same policies on virtual workers — deterministic, sound traces, and the shapes it must show. */
import { describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.ts';
import { STRATEGY_NAMES } from '../engine/strategies/catalog.ts';
import { checkTrace } from '../engine/testing/traceCheck.ts';
import { JS_PROFILE, NATIVE_PROFILE } from './profile.ts';
import { simulate } from './simulate.ts';
import { p2pTransfers } from './synthetic.ts';

const asResult = (r: ReturnType<typeof simulate>) => ({ stats: { ...r.stats, wallMs: 0, rootMs: 0, workerRestarts: 0 } }) as Result;

describe('simulate', () => {
  it('runs every strategy to the end with a sound trace, marked simulated, and is deterministic', () => {
    const wl = p2pTransfers(150, 40, { seed: 3 });
    for (const strategy of STRATEGY_NAMES) {
      for (const workers of [1, 3, 16]) {
        const a = simulate(strategy, wl, { workers, profile: NATIVE_PROFILE });
        const b = simulate(strategy, wl, { workers, profile: NATIVE_PROFILE });
        expect(checkTrace(a.trace, asResult(a)), `${strategy}×${workers}`).toEqual([]);
        expect(a.trace.simulated).toEqual({ profile: 'native', source: wl.source });
        expect(a.wallMs, `${strategy}×${workers} deterministic`).toBe(b.wallMs);
        expect(a.stats.executions).toBe(b.stats.executions);
      }
    }
  });

  it('without a trace (a sweep) the figures are the same, no event is kept, and a subscriber still gets every one', () => {
    const wl = p2pTransfers(400, 60, { seed: 11 });
    for (const strategy of ['block-stm', 'predictive', 'dag', 'shards-graph']) {
      const full = simulate(strategy, wl, { workers: 8, profile: NATIVE_PROFILE });
      let streamed = 0;
      const bare = simulate(strategy, wl, { workers: 8, profile: NATIVE_PROFILE, trace: false, onEvents: (b) => (streamed += b.length) });
      expect(bare.wallMs, strategy).toBe(full.wallMs);
      expect(bare.stats, strategy).toEqual(full.stats);
      expect(bare.trace.events).toEqual([]);
      expect(streamed, strategy).toBe(full.trace.events.length);
    }
  });

  it('sequential costs the executions plus one round trip and the first and last batches\' coordination: nothing invented', () => {
    // Two batches in flight: the worker runs the next while the coordinator takes in the last, so only the first send,
    // one message each way and the last batch's receipt add to the executions (the coordinator keeps ahead here).
    const wl = p2pTransfers(640, 1_000_000, { costUs: 100 });
    const p = { ...NATIVE_PROFILE, exec: { kind: 'recorded' as const, scale: 1 } };
    const r = simulate('sequential', wl, { workers: 1, profile: p });
    const batches = 640 / 64;
    const worker = batches * (p.workerPerBatchUs + 64 * (100 + p.workerPerTaskUs));
    const expected = p.sendUs + 64 * p.sendPerTaskUs + 2 * p.messageUs + worker + p.receiveUs + 64 * p.receivePerResultUs;
    expect(r.wallMs * 1000).toBeCloseTo(expected, 0);
  });

  it('independent transfers scale with the workers; contention on few accounts flattens the curve (Block-STM, PPoPP 2023)', () => {
    const speedups = (accounts: number) => {
      const wl = p2pTransfers(1500, accounts, { seed: 9 });
      const seq = simulate('sequential', wl, { workers: 1, profile: NATIVE_PROFILE }).wallMs;
      return [1, 4, 16].map((w) => seq / simulate('block-stm', wl, { workers: w, profile: NATIVE_PROFILE }).wallMs);
    };
    const many = speedups(1_000_000);
    const few = speedups(10);
    expect(many[1]).toBeGreaterThan(3);
    expect(many[2]).toBeGreaterThan(many[1]);
    expect(few[2]).toBeLessThan(many[2] / 2);
  });

  it('workers beyond the cores of the profile share them: 8 workers on 1.45 cores are far from 8 on 8', () => {
    const wl = p2pTransfers(2000, 1_000_000, { costUs: 150 });
    const seq = simulate('sequential', wl, { workers: 1, profile: JS_PROFILE }).wallMs;
    const on = (cores: number) => seq / simulate('block-stm', wl, { workers: 8, profile: { ...JS_PROFILE, cores } }).wallMs;
    expect(on(JS_PROFILE.cores)).toBeLessThan(2);
    expect(on(8)).toBeGreaterThan(2 * on(JS_PROFILE.cores));
  });
});
