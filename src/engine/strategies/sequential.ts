/**
 * `sequential`: the reference. Every transaction in block order on one VM, against a single-version state, on one
 * worker. Every other strategy must commit exactly what this one commits.
 */
import { baseStateOf } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import type { Receipt } from '../result.ts';
import type { TaskResult } from '../workers/protocol.ts';
import { commitTx, executionEvents, initWorker, recoverSenders, withRetry } from './shared.ts';
import type { RunContext, Strategy, StrategyOutput } from './types.ts';

/** Transactions per call: small enough to stream the trace, large enough that messaging costs nothing. */
const CHUNK = 64;

export const sequential: Strategy = {
  name: 'sequential',
  description: 'Every transaction in block order on one VM: the reference result.',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const { scenario, recorder, pool } = ctx;
    const n = scenario.transactions.length;
    const busy = [0];
    const restarted = new Set<number>();
    await withRetry(ctx, 0, () => initWorker(ctx, 0), restarted);
    const recoverStart = recorder.now();
    const senders = await recoverSenders(ctx, 1, busy);
    const recoverMs = (recorder.now() - recoverStart) / 1000;
    await pool.call(0, (api) => api.setSenders(senders));
    recorder.coordinator(-1, 0, { kind: 'phase-start', phase: 'execute' });
    for (let i = 0; i < n; i++) recorder.coordinator(i, 0, { kind: 'queued' });

    const state = new CommittedState(baseStateOf(scenario));
    const receipts: Receipt[] = [];
    let cumulative = 0n;
    let executions = 0;
    let committed = 0;
    while (committed < n) {
      // After a crash the replacement worker replays from transaction 0; what was committed stays committed.
      const generation = pool.generation(0);
      const results: TaskResult[] = await withRetry(
        ctx,
        0,
        async () => {
          if (pool.generation(0) !== generation) {
            await pool.call(0, (api) => api.setSenders(senders));
            executions += (await pool.call(0, (api) => api.runSequential(0, committed))).length;
          }
          return pool.call(0, (api) => api.runSequential(committed, Math.min(n, committed + CHUNK)));
        },
        restarted,
      );
      for (const r of results) {
        executions++;
        busy[0] += (r.t1 - r.t0) / 1000;
        for (const e of executionEvents(r)) recorder.push(e);
        const o = r.outcome;
        const done = o.kind === 'done';
        cumulative = commitTx(state, receipts, r, cumulative);
        recorder.coordinator(r.tx, 0, { kind: 'commit', gas: done ? Number(o.gasUsed) : 0 });
        committed++;
      }
      recorder.flush();
    }
    recorder.coordinator(-1, 0, { kind: 'phase-end', phase: 'execute' });
    return {
      receipts,
      senders,
      state,
      stats: { recoverMs, executions, reexecutions: executions - n, validations: 0, aborts: 0, abortsByKey: {}, workerBusyMs: busy },
    };
  },
};
