/**
 * `dag`: dependency hints, scheduled topologically (Polygon PIP-16 block metadata; Grevm's hint pass).
 *
 * A hint pass (`hintPass.ts`) executes every transaction once, in parallel, against the pre-state (a sender's later
 * transactions over its earlier ones' writes) and keeps only its read and write sets. From them comes a dependency DAG (transaction j depends on the last earlier writer of each key it reads; fee
 * credits are deltas, not edges). Then, with no speculation, a transaction is dispatched only once every transaction
 * it depends on has executed, and it reads their results from the multi-version memory. Hints can be wrong (a read
 * set changes with the state): every transaction is validated when it commits, in block order, and one whose reads
 * no longer hold runs again then, against final state — so a wrong hint costs time, never correctness.
 *
 * With a `RunHistory` that has seen this scenario before, the previous run's committed read and write sets are the
 * hints (PIP-16's idea: the block's dependencies travel with it) and the hint pass is skipped.
 */
import { analyseConflicts } from '../analysis/conflicts.ts';
import type { Receipt } from '../result.ts';
import { baseStateOf } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { TraceEvent } from '../trace/events.ts';
import type { TaskResult } from '../workers/protocol.ts';
import { hintPass } from './hintPass.ts';
import type { TxAccesses } from './history.ts';
import { LogShipper, accessKeys, commitTx, countAbortByKey, executionEvents, firstStaleRead, startWorkers } from './shared.ts';
import { RunError, type RunContext, type Strategy, type StrategyOutput } from './types.ts';
import type { EventBody } from '../trace/recorder.ts';

const BATCH = 16;

export const dag: Strategy = {
  name: 'dag',
  description: 'Dependency hints: a hint pass finds each transaction’s reads and writes, then the DAG is scheduled with no speculation.',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const { scenario, recorder, pool } = ctx;
    const n = scenario.transactions.length;
    const W = ctx.workers;
    const { senders, busy, recoverMs } = await startWorkers(ctx);
    const base = baseStateOf(scenario);
    const committed = new CommittedState(base);
    const memory = new MultiVersionMemory(base);
    const shipper = new LogShipper(ctx, senders);
    const receipts: Receipt[] = [];
    const abortsByKey: Record<string, number> = {};
    let cumulative = 0n;
    let executions = 0;
    let validations = 0;
    let aborts = 0;
    const event = (tx: number, incarnation: number, body: EventBody) => recorder.coordinator(tx, incarnation, body);

    // 1. Hints: the previous run's accesses when the history has them, else a hint pass — every transaction against
    // the pre-state, in parallel, keeping only the read and write sets.
    event(-1, 0, { kind: 'phase-start', phase: 'execute' });
    const remembered = ctx.history?.accessesOf(scenario);
    const accesses: TxAccesses[] = remembered ?? [];
    if (!remembered) {
      const hint = await hintPass(ctx, shipper, senders, Array.from({ length: n }, (_, tx) => tx), busy);
      executions += hint.executions;
      for (const [tx, r] of hint.hints) {
        const o = r.outcome;
        if (o.kind === 'blocked') continue;
        accesses[tx] = { ...accessKeys(o), gas: o.kind === 'done' ? Number(o.gasUsed) : 0 };
      }
    }
    const hints = dependencyHints(accesses, n, 'a' + scenario.block.coinbase.slice(2).toLowerCase());
    const dependents: number[][] = Array.from({ length: n }, () => []);
    const waitingOn = new Int32Array(n);
    const firstEdge = new Map<number, (typeof hints.edges)[number]>();
    for (const e of hints.edges) {
      dependents[e.from].push(e.to);
      waitingOn[e.to]++;
      if (!firstEdge.has(e.to)) firstEdge.set(e.to, e);
    }

    // 2. Topological execution, then in-order commit with one last validation.
    const incarnation = new Int32Array(n).fill(remembered ? 0 : 1); // incarnation 0 was the hint pass
    const results = new Array<TaskResult | undefined>(n);
    const ready: number[] = [];
    for (let tx = 0; tx < n; tx++) {
      event(tx, incarnation[tx], { kind: 'queued' });
      if (waitingOn[tx] === 0) ready.push(tx);
      else event(tx, incarnation[tx], { kind: 'blocked', blockingTx: firstEdge.get(tx)!.from, key: firstEdge.get(tx)!.key });
    }
    let commitIdx = 0;
    let inflight = 0;
    const workerBusy = new Array<boolean>(W).fill(false);

    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => reject(e);
      const pump = (): void => {
        try {
          commitReady();
          if (commitIdx === n) return resolve();
          for (let w = 0; w < W; w++) {
            if (workerBusy[w] || ready.length === 0) continue;
            ready.sort((a, b) => a - b);
            const tasks = ready.splice(0, BATCH).map((tx) => ({ tx, incarnation: incarnation[tx] }));
            workerBusy[w] = true;
            inflight++;
            shipper.execute(w, tasks, false).then((rs) => {
              workerBusy[w] = false;
              inflight--;
              for (const r of rs) onResult(r);
              recorder.flush();
              pump();
            }, fail);
          }
          if (inflight === 0 && ready.length === 0 && commitIdx < n) throw new Error(`dag stalled at transaction ${commitIdx}`);
        } catch (e) {
          fail(e);
        }
      };

      const onResult = (r: TaskResult): void => {
        executions++;
        busy[r.worker] += (r.t1 - r.t0) / 1000;
        for (const e of executionEvents(r)) recorder.push(e);
        const o = r.outcome;
        if (o.kind === 'blocked') throw new Error('dag never marks ESTIMATE: a blocked execution is a bug');
        const first = results[r.tx] === undefined;
        results[r.tx] = r;
        const writes = o.kind === 'done' ? o.writes : [];
        const deltas = o.kind === 'done' ? o.deltas : [];
        memory.record({ tx: r.tx, incarnation: r.incarnation, writes, deltas });
        shipper.log.push({ kind: 'writes', tx: r.tx, incarnation: r.incarnation, writes, deltas, codes: o.kind === 'done' ? o.codes : [] });
        if (!first) return;
        for (const d of dependents[r.tx]) {
          if (--waitingOn[d] === 0) {
            ready.push(d);
            event(d, incarnation[d], { kind: 'resumed' });
          }
        }
      };

      const commitReady = (): void => {
        while (commitIdx < n) {
          const tx = commitIdx;
          const r = results[tx];
          if (r === undefined || r.incarnation !== incarnation[tx]) return; // not executed yet, or re-running
          const o = r.outcome;
          if (o.kind === 'blocked') return;
          validations++;
          const stale = firstStaleRead(memory, o.reads, tx);
          if (stale) {
            // A wrong hint: run it again now that everything below is final.
            aborts++;
            countAbortByKey(abortsByKey, stale[0]);
            event(tx, r.incarnation, { kind: 'validate-fail', key: stale[0], writerTx: memory.writerBelow(stale[0], tx) });
            incarnation[tx]++;
            event(tx, incarnation[tx], { kind: 'queued' });
            ready.unshift(tx);
            return;
          }
          event(tx, r.incarnation, { kind: 'validate-ok' });
          if (o.kind === 'invalid') throw new RunError(`transactions[${tx}] is not valid: ${o.message}`);
          cumulative = commitTx(committed, receipts, r, cumulative);
          event(tx, r.incarnation, { kind: 'commit', gas: Number(o.gasUsed) });
          commitIdx++;
        }
      };

      pump();
    });
    event(-1, 0, { kind: 'phase-end', phase: 'execute' });
    recorder.flush();
    return {
      receipts,
      senders,
      state: committed,
      stats: {
        recoverMs, executions, reexecutions: executions - n, validations, aborts, abortsByKey, workerBusyMs: busy,
        extra: { hintsFromHistory: remembered ? 1 : 0, hintEdges: hints.edges.length },
      },
    };
  },
};

/** The dependency DAG the hints imply: read-after-write edges between transactions (fee credits are deltas). */
function dependencyHints(accesses: TxAccesses[], n: number, coinbaseKey: string) {
  const events: TraceEvent[] = [];
  for (let tx = 0; tx < n; tx++) {
    const a = accesses[tx] ?? { reads: [], writes: [], gas: 0 };
    events.push({ t: 0, worker: -1, tx, incarnation: 0, kind: 'exec-end', reads: a.reads, writes: a.writes, gas: a.gas, status: 'success' });
    events.push({ t: 0, worker: -1, tx, incarnation: 0, kind: 'commit', gas: a.gas });
  }
  return analyseConflicts({ txCount: n, events }, coinbaseKey);
}
