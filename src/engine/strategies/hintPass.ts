/**
 * The hint pass of `dag` and `access-locks`: every transaction executed once, in parallel, to learn what it reads and
 * writes — nothing it computes is kept.
 *
 * Round 1 runs each transaction against the pre-state (isolated batches). A transaction whose sender's earlier
 * transaction has not run there fails that run (nonce too high, or funds an earlier transaction sends are not there
 * yet) and so says nothing about its accesses. Round 2 runs those again, each sender's in block order on one worker, over round 1's writes: a nonce
 * chain resolves in one pass. Round 1's writes reach the workers' replicas as incarnation 0 of their transactions;
 * when the pass is over, an empty write set for each of them is logged, which removes those writes again — the
 * replicas hold nothing of the hint pass when the real execution starts.
 */
import type { Hex } from '../scenario/types.ts';
import type { TaskResult } from '../workers/protocol.ts';
import { type LogShipper, executionEvents } from './shared.ts';
import type { RunContext } from './types.ts';

const BATCH = 16;

/** Runs the hint pass over `txs` (ascending); returns each one's hint execution, and records their trace events. */
export async function hintPass(ctx: RunContext, shipper: LogShipper, senders: Hex[], txs: number[], busy: number[]): Promise<{ hints: Map<number, TaskResult>; executions: number }> {
  const W = ctx.workers;
  const hints = new Map<number, TaskResult>();
  let executions = 0;
  const take = (r: TaskResult): void => {
    executions++;
    busy[r.worker] += (r.t1 - r.t0) / 1000;
    for (const e of executionEvents(r)) ctx.recorder.push(e);
    hints.set(r.tx, r);
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: W }, async (_, w) => {
      while (next < txs.length) {
        const tasks = txs.slice(next, next + BATCH).map((tx) => ({ tx, incarnation: 0 }));
        next += tasks.length;
        for (const r of await shipper.execute(w, tasks, true)) take(r);
        ctx.recorder.flush();
      }
    }),
  );

  // Round 2: the ones that failed (nonce not there yet, or funds an earlier transaction sends), over round 1's writes.
  const again = txs.filter((tx) => hints.get(tx)!.outcome.kind === 'invalid');
  if (again.length === 0) return { hints, executions };
  const logged: number[] = [];
  for (const tx of txs) {
    const o = hints.get(tx)!.outcome;
    if (o.kind !== 'done') continue;
    shipper.log.push({ kind: 'writes', tx, incarnation: 0, writes: o.writes, deltas: o.deltas, codes: o.codes });
    logged.push(tx);
  }
  // Whole sender chains per worker, in block order: a worker's batch sees its own earlier results.
  const lanes: number[][] = Array.from({ length: W }, () => []);
  const laneOf = new Map<Hex, number>();
  for (const tx of again) {
    let lane = laneOf.get(senders[tx]);
    if (lane === undefined) laneOf.set(senders[tx], (lane = laneOf.size % W));
    lanes[lane].push(tx);
  }
  await Promise.all(
    lanes.map(async (lane, w) => {
      if (lane.length === 0) return;
      for (const r of await shipper.execute(w, lane.map((tx) => ({ tx, incarnation: 0 })), false)) take(r);
    }),
  );
  for (const tx of new Set([...logged, ...again])) shipper.log.push({ kind: 'writes', tx, incarnation: 0, writes: [], deltas: [], codes: [] });
  ctx.recorder.flush();
  return { hints, executions };
}
