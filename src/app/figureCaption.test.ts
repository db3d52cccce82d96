import { describe, expect, it } from 'vitest';
import { figureCaption } from './figureCaption.ts';

const run = (strategy: string, wallMs: number, extra: Partial<{ executions: number; reexecutions: number; aborts: number }> = {}) => ({
  strategy,
  workers: 2,
  txCount: 60,
  stats: { executions: 85, reexecutions: 25, aborts: 25, wallMs, ...extra },
});
const at = new Date('2026-12-03T12:00:00Z');

describe('figureCaption', () => {
  it('names the setup in the title and the run’s own figures, with units, under it', () => {
    const c = figureCaption({ scenarioLabel: 'dex-rush, 60 txs, seed 1', runs: [run('block-stm', 1406.3)], reference: { stats: { wallMs: 2109 } }, at });
    expect(c.title).toBe('block-stm on 2 workers — dex-rush, 60 txs, seed 1');
    expect(c.subtitle).toBe('60 transactions · 85 executions (25 re-executions) · 25 aborts · 1,406 ms wall-clock (1.50× sequential) · measured in the browser, 2026-12-03');
  });

  it('gives no speedup without a reference, and says a simulated run is simulated', () => {
    const c = figureCaption({ scenarioLabel: 'x', runs: [run('dag', 10, { reexecutions: 1, aborts: 0 })], simulated: true, at });
    expect(c.subtitle).toBe('60 transactions · 85 executions (1 re-execution) · 0 aborts · 10 ms wall-clock · simulated');
  });

  it('says when the run, or its reference, ran on cold workers', () => {
    const cold = { ...run('block-stm', 1406.3), stats: { ...run('block-stm', 1406.3).stats, coldWorkers: 2 } };
    expect(figureCaption({ scenarioLabel: 'x', runs: [cold], reference: { stats: { wallMs: 2109 } }, at }).subtitle).toContain('(1.50× sequential, cold run)');
    expect(figureCaption({ scenarioLabel: 'x', runs: [run('block-stm', 1406.3)], reference: { stats: { wallMs: 2109, coldWorkers: 1 } }, at }).subtitle).toContain('(1.50× sequential, cold reference)');
  });

  it('a sequential run is not compared with itself', () => {
    expect(figureCaption({ scenarioLabel: 'x', runs: [{ ...run('sequential', 100), workers: 1 }], reference: { stats: { wallMs: 50 } }, at }).subtitle).not.toContain('sequential)');
  });

  it('captions a comparison with every strategy and its time', () => {
    const c = figureCaption({ scenarioLabel: 'dex-rush, 60 txs, seed 1', runs: [run('block-stm', 12), run('dag', 30.4), { ...run('sequential', 20), workers: 1 }], at });
    expect(c.title).toBe('block-stm vs dag vs sequential on 2 workers — dex-rush, 60 txs, seed 1');
    expect(c.subtitle).toBe('60 transactions · wall-clock: block-stm 12 ms, dag 30 ms, sequential 20 ms · measured in the browser, 2026-12-03');
  });

  it('refuses to caption nothing', () => {
    expect(() => figureCaption({ scenarioLabel: 'x', runs: [] })).toThrow(/no run/);
  });
});
