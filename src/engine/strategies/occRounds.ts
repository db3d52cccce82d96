/**
 * `occ-rounds`: speculative batches with serial commit (Saraph & Herlihy 2019; Monad's optimistic execution).
 *
 * Each round executes every uncommitted transaction in parallel against the state committed so far — nothing a
 * transaction of the same round wrote is visible to another (`isolated` batches). Then, in block order, each
 * transaction commits while its read set still matches the committed state; the first one that does not ends the
 * round, and it and everything after it run again in the next round. The first uncommitted transaction only reads
 * committed state, so every round commits at least one: the block always finishes, and a chain of N dependent
 * transactions costs N rounds — the price of having no multi-version memory.
 *
 * Two refinements keep that price bounded: a result whose reads still match the committed state at the start of a
 * round is kept rather than re-executed, and a round executes only a window of the pending transactions — twice what
 * the previous round managed to commit (at least two per worker) — so a chain does not re-execute the whole rest of
 * the block once per link.
 */
import type { Receipt } from '../result.ts';
import { baseStateOf } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../workers/protocol.ts';
import { LogShipper, commitTx, countAbortByKey, executionEvents, firstStaleRead, startWorkers } from './shared.ts';
import { RunError, type RunContext, type Strategy, type StrategyOutput } from './types.ts';
import type { EventBody } from '../trace/recorder.ts';

/** Tasks per message: big enough to amortise a round trip, small enough to spread a round over the workers. */
const BATCH = 32;

export const occRounds: Strategy = {
  name: 'occ-rounds',
  description: 'Speculative rounds: execute every pending transaction against the committed state, commit in order while reads hold, retry the rest.',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const { scenario, recorder, pool } = ctx;
    const n = scenario.transactions.length;
    const W = ctx.workers;
    const { senders, busy, recoverMs } = await startWorkers(ctx);
    const base = baseStateOf(scenario);
    const committed = new CommittedState(base);
    // Only committed writes ever enter this memory, so reading it at index i gives the committed state.
    const memory = new MultiVersionMemory(base);
    const shipper = new LogShipper(ctx, senders);
    const receipts: Receipt[] = [];
    const abortsByKey: Record<string, number> = {};
    let cumulative = 0n;
    let commitIdx = 0;
    let executions = 0;
    let validations = 0;
    let aborts = 0;
    const event = (tx: number, incarnation: number, body: EventBody) => recorder.coordinator(tx, incarnation, body);

    event(-1, 0, { kind: 'phase-start', phase: 'execute' });
    const results = new Array<TaskResult | undefined>(n);
    const holds = (r: TaskResult | undefined): boolean =>
      r !== undefined && r.outcome.kind !== 'blocked' && firstStaleRead(memory, r.outcome.reads, r.tx) === undefined;
    let window = n;
    for (let round = 0; commitIdx < n; round++) {
      const pending: ExecTask[] = [];
      for (let tx = commitIdx; tx < Math.min(n, commitIdx + window); tx++) {
        if (holds(results[tx])) continue; // still valid against what is committed: no need to run it again
        pending.push({ tx, incarnation: round });
        event(tx, round, { kind: 'queued' });
      }
      const committedBefore = commitIdx;
      // Execute the round: workers pull batches until none is left.
      let next = 0;
      await Promise.all(
        Array.from({ length: W }, async (_, w) => {
          while (next < pending.length) {
            const batch = pending.slice(next, next + BATCH);
            next += BATCH;
            for (const r of await shipper.execute(w, batch, true)) {
              results[r.tx] = r;
              executions++;
              busy[r.worker] += (r.t1 - r.t0) / 1000;
              for (const e of executionEvents(r)) recorder.push(e);
            }
            recorder.flush();
          }
        }),
      );
      // Commit in order while read sets hold.
      while (commitIdx < n) {
        const tx = commitIdx;
        const r = results[tx];
        if (r === undefined) break; // beyond this round's window, never executed yet
        const o = r.outcome;
        if (o.kind === 'blocked') throw new Error('occ-rounds never marks ESTIMATE: a blocked execution is a bug');
        validations++;
        const stale = firstStaleRead(memory, o.reads, tx);
        if (stale) {
          aborts++;
          countAbortByKey(abortsByKey, stale[0]);
          event(tx, r.incarnation, { kind: 'validate-fail', key: stale[0], writerTx: memory.writerBelow(stale[0], tx) });
          break;
        }
        event(tx, r.incarnation, { kind: 'validate-ok' });
        if (o.kind === 'invalid') throw new RunError(`transactions[${tx}] is not valid: ${o.message}`);
        cumulative = commitTx(committed, receipts, r, cumulative);
        memory.record({ tx, incarnation: r.incarnation, writes: o.writes, deltas: o.deltas });
        shipper.log.push({ kind: 'writes', tx, incarnation: r.incarnation, writes: o.writes, deltas: o.deltas, codes: o.codes });
        event(tx, r.incarnation, { kind: 'commit', gas: Number(o.gasUsed) });
        commitIdx++;
      }
      window = Math.max(2 * W, 2 * (commitIdx - committedBefore));
      recorder.flush();
    }
    event(-1, 0, { kind: 'phase-end', phase: 'execute' });
    recorder.flush();
    return {
      receipts,
      senders,
      state: committed,
      stats: { recoverMs, executions, reexecutions: executions - n, validations, aborts, abortsByKey, workerBusyMs: busy },
    };

  },
};
