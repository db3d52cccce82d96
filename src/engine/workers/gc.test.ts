/** The platform's heap policy is applied around every run, by the block's size. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { erc20Transfers } from '../../workloads/bench.ts';
import { runScenario } from '../run.ts';
import { testPool } from '../testing/harness.ts';
import { LARGE_BLOCK, heapForRun, setHeapPolicy } from './gc.ts';

const pool = testPool(1);
afterAll(() => pool.dispose());
afterEach(() => setHeapPolicy(() => () => {}));

describe('heap policy', () => {
  it('is told whether a block is large, and undone by what it returns', () => {
    const calls: string[] = [];
    setHeapPolicy((large) => {
      calls.push(large ? 'large' : 'normal');
      return () => calls.push('undone');
    });
    heapForRun(LARGE_BLOCK - 1)();
    heapForRun(LARGE_BLOCK)();
    expect(calls).toEqual(['normal', 'undone', 'large', 'undone']);
  });

  it('holds for the whole of a run, and is undone when the run ends', async () => {
    const calls: string[] = [];
    let during = false;
    setHeapPolicy((large) => {
      calls.push(large ? 'large' : 'normal');
      return () => calls.push('undone');
    });
    const { result } = await runScenario(erc20Transfers(8), { strategy: 'sequential', workers: 1, senders: 'trust', onEvents: () => (during ||= calls.length === 1) }, pool);
    expect(result.receipts).toHaveLength(8);
    expect(during).toBe(true);
    expect(calls).toEqual(['normal', 'undone']);
  });

  it('is undone when a run fails', async () => {
    const calls: string[] = [];
    setHeapPolicy(() => {
      calls.push('normal');
      return () => calls.push('undone');
    });
    const controller = new AbortController();
    controller.abort();
    await expect(runScenario(erc20Transfers(8), { strategy: 'block-stm', workers: 1, senders: 'trust', signal: controller.signal }, pool)).rejects.toThrow();
    expect(calls).toEqual(['normal', 'undone']);
  });
});
