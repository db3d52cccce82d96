/** Where a run's CPU went: the kernel's per-thread counters, split by kind of thread, and read around a real run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../engine/run.ts';
import { testPool } from '../engine/testing/harness.ts';
import type { WorkerPool } from '../engine/workers/pool.ts';
import { erc20Transfers } from '../workloads/bench.ts';
import { RunCpu, cpuLine, meanSplit, readThreadClocks, splitCpu } from './cpu.ts';
import { cpuTable, record, type WorkloadResult } from './bench/report.ts';

const ms = (x: number): number => x * 1e6; // ns

describe('splitCpu', () => {
  it('charges each thread to the coordinator, the workers (with their wait for a CPU) or the other threads', () => {
    const before = new Map([
      [10, { cpuNs: ms(5), waitNs: ms(1) }],
      [11, { cpuNs: ms(2), waitNs: ms(0) }],
      [12, { cpuNs: ms(3), waitNs: ms(4) }],
      [13, { cpuNs: ms(1), waitNs: ms(9) }],
    ]);
    const after = new Map([
      [10, { cpuNs: ms(8), waitNs: ms(2) }], // main: +3
      [11, { cpuNs: ms(12), waitNs: ms(6) }], // worker: +10, waited +6
      [12, { cpuNs: ms(10), waitNs: ms(5) }], // worker: +7, waited +1
      [13, { cpuNs: ms(2), waitNs: ms(20) }], // a helper: +1 (its wait is not the workers')
      [14, { cpuNs: ms(4), waitNs: ms(1) }], // a helper started in the window: +4
    ]);
    const s = splitCpu(before, after, { main: 10, workers: [11, 12] }, 10, 2);
    expect(s.coordinatorMs).toBeCloseTo(3);
    expect(s.workersMs).toBeCloseTo(17);
    expect(s.workersWaitMs).toBeCloseTo(7);
    expect(s.helpersMs).toBeCloseTo(5);
    expect(s.availableMs).toBe(20);
  });

  it('averages windows, and has no mean of none', () => {
    const a = { wallMs: 10, coordinatorMs: 1, workersMs: 10, workersWaitMs: 2, helpersMs: 3, availableMs: 20 };
    const b = { wallMs: 20, coordinatorMs: 3, workersMs: 30, workersWaitMs: 4, helpersMs: 5, availableMs: 40 };
    expect(meanSplit([a, b])).toEqual({ wallMs: 15, coordinatorMs: 2, workersMs: 20, workersWaitMs: 3, helpersMs: 4, availableMs: 30 });
    expect(meanSplit([])).toBeUndefined();
  });

  it('says a split in one line, with the share of the cores it used', () => {
    const s = { wallMs: 40, coordinatorMs: 10, workersMs: 50, workersWaitMs: 20, helpersMs: 16, availableMs: 80 };
    expect(cpuLine(s)).toBe('coordinator 10.0 ms · workers 50.0 ms, waiting 20.0 ms for a CPU · other threads 16.0 ms · 95 % of 2 cores × wall');
  });
});

describe.runIf(readThreadClocks() !== undefined)('RunCpu around a real run (Linux)', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = testPool(2);
  });
  afterAll(() => pool.dispose());

  it('finds the workers by their thread ids and sees them do the work of a block-stm run', async () => {
    pool.ensure(2);
    const cpu = await RunCpu.forPool(pool);
    expect(cpu).toBeDefined();
    const { result } = await runScenario(erc20Transfers(200, { seed: 5 }), { strategy: 'block-stm', workers: 2, onWall: cpu!.onWall }, pool);
    const s = cpu!.take()!;
    expect(s.wallMs).toBeGreaterThan(0);
    // The window encloses the run's wall time (its edges are read just outside the recorder's clock) and nothing much
    // else: not the roots, not the next run. The slack is for a busy CI machine, where one preemption is milliseconds.
    expect(s.wallMs).toBeGreaterThanOrEqual(result.stats.wallMs);
    expect(s.wallMs - result.stats.wallMs).toBeLessThan(50);
    expect(s.workersMs).toBeGreaterThan(0); // the transactions ran on the workers
    expect(s.coordinatorMs).toBeGreaterThan(0);
    expect(s.availableMs / s.wallMs).toBe(Math.round(s.availableMs / s.wallMs)); // cores × wall
    expect(cpu!.take()).toBeUndefined(); // once

    const w: WorkloadResult = {
      id: 'x', group: 'erc20', label: 'erc20 200', txs: 200, warmupMs: 0, peakRssMb: 1, loadAverage1m: 0,
      configs: [{ strategy: 'block-stm', workers: 2, runs: [record(result)], median: record(result), speedup: 1, cpu: s }],
    };
    const text = cpuTable([w]);
    expect(text).toContain('workers waiting for a CPU ms');
    expect(text).toContain('erc20 200');
    expect(cpuTable([{ ...w, configs: [{ ...w.configs[0], cpu: undefined }] }])).toBe('');
  });
});
