/**
 * `block-stm`: optimistic parallel execution with multi-version memory (Gelashvili et al., PPoPP'23).
 *
 * The coordinator owns the scheduler and the authoritative `MultiVersionMemory`. Workers execute (tx, incarnation)
 * tasks in batches against their own replica of that memory; every batch carries the memory updates the worker has
 * not seen yet, so a replica is at most one round trip stale — and a stale read is caught by validation, which runs
 * here against the authoritative copy. Commit is in order and rolling: once every lower transaction is committed, a
 * transaction's reads are validated against final values one last time and its writes join the committed state.
 *
 * Worker affinity: a transaction predicted to depend on one still running (same sender — the nonce —, or the same
 * target once calls to that target have conflicted) is queued behind it on the same worker, whose replica holds the
 * writer's result the moment it finishes. That turns a chain of dependent transactions into one worker's sequential
 * run instead of a cascade of aborts.
 */
import { BlockStmRun } from './blockStm/coordinator.ts';
import { startWorkers } from './shared.ts';
import type { RunContext, Strategy, StrategyOutput } from './types.ts';

export const blockStm: Strategy = {
  name: 'block-stm',
  description: 'Optimistic parallel execution with multi-version memory, validation and re-execution (Block-STM).',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const { senders, busy, recoverMs } = await startWorkers(ctx);
    return new BlockStmRun(ctx, senders, busy, recoverMs).execute(ctx.scenario.transactions.length);
  },
};

