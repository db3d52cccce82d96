/**
 * `block-stm`: optimistic parallel execution with multi-version memory (Gelashvili et al., PPoPP'23).
 *
 * The policy owns the scheduler and the authoritative `MultiVersionMemory`. Workers execute (tx, incarnation)
 * tasks in batches against their own replica of that memory; every batch carries the memory updates the worker has
 * not seen yet, so a replica is at most one round trip stale — and a stale read is caught by validation, which runs
 * on the coordinator against the authoritative copy. Commit is in order and rolling: once every lower transaction is
 * committed, a transaction's reads are validated against final values one last time and it is committed.
 *
 * Worker affinity: a transaction predicted to depend on one still running (same sender — the nonce —, or the same
 * target once calls to that target have conflicted) is queued behind it on the same worker, whose replica holds the
 * writer's result the moment it finishes. That turns a chain of dependent transactions into one worker's sequential
 * run instead of a cascade of aborts.
 */
import type { StrategyDef } from '../runtime/policy.ts';
import { BlockStmPolicy } from './blockStm/policy.ts';

export const blockStm: StrategyDef = {
  name: 'block-stm',
  policy: (host) => new BlockStmPolicy(host),
};
