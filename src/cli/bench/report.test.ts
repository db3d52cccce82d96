/** The benchmark's table: every parallel row says what was possible and how much of it the run reached. */
import { describe, expect, it } from 'vitest';
import { mainTable, possibleSpeedup, type RunRecord, type WorkloadResult } from './report.ts';

const rec = (wallMs: number): RunRecord => ({
  wallMs, rootMs: 1, recoverMs: 0, executions: 10, reexecutions: 0, validations: 10, aborts: 0, workerBusyMs: [wallMs], utilisation: 0.9, stateRoot: '0x00', topAbortKeys: [],
});

describe('possibleSpeedup', () => {
  it('is the least of the workers, the block bound and, from two workers on, the machine ceiling', () => {
    expect(possibleSpeedup(1, 6.5, 1.4)).toBe(1);
    expect(possibleSpeedup(2, 6.5, 1.4)).toBe(1.4);
    expect(possibleSpeedup(2, 1.01, 1.4)).toBe(1.01);
    expect(possibleSpeedup(4, undefined, 1.4)).toBe(1.4);
    expect(possibleSpeedup(2, undefined, undefined)).toBe(2);
  });
});

describe('mainTable', () => {
  it('prints the possible speedup and the share of it reached', () => {
    const w: WorkloadResult = {
      id: 'b', group: 'mainnet', label: 'block 1', txs: 10, criticalPathBound: 1.2, warmupMs: 0, peakRssMb: 1, loadAverage1m: 0,
      configs: [
        { strategy: 'sequential', workers: 1, runs: [rec(100)], median: rec(100), speedup: 1 },
        { strategy: 'block-stm', workers: 2, runs: [rec(100 / 1.08)], median: rec(100 / 1.08), speedup: 1.08 },
      ],
    };
    const out = mainTable([w], false, 1.5);
    const stm = out.split('\n').find((l) => l.includes('block-stm'))!;
    expect(stm).toContain('1.20×'); // the bound is below the ceiling and the workers
    expect(stm).toMatch(/1\.20×\s+90 %/);
  });

  it("holds a row to its workload's own ceiling where it has one, and shows which", () => {
    const w: WorkloadResult = {
      id: 'b', group: 'mainnet', label: 'block 1', txs: 10, criticalPathBound: 40, warmupMs: 0, peakRssMb: 1, loadAverage1m: 0,
      ceiling: { oneWorkerMs: 100, bothWorkersMs: 160, ratio: 1.25, rounds: [1.25] },
      configs: [
        { strategy: 'sequential', workers: 1, runs: [rec(100)], median: rec(100), speedup: 1 },
        { strategy: 'block-stm', workers: 1, runs: [rec(110)], median: rec(110), speedup: 100 / 110 },
        { strategy: 'block-stm', workers: 2, runs: [rec(100)], median: rec(100), speedup: 1 },
      ],
    };
    const lines = mainTable([w], false, 1.5).split('\n').filter((l) => l.includes('block-stm'));
    expect(lines[0]).toMatch(/–\s+1\.00×\s+91 %/); // one worker: no ceiling, possible 1×
    expect(lines[1]).toMatch(/1\.25×\s+1\.25×\s+80 %/); // its own 1.25×, not the machine's 1.5×
  });
});
