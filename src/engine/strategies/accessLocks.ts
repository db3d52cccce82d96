/**
 * `access-locks`: declared access, scheduled by a lock table (Solana Sealevel; EIP-2930 access lists).
 *
 * Every transaction declares what it will touch: its access list plus what is implicit (sender, recipient), or —
 * when it carries no list — what a hint pass saw it touch when run once against the pre-state. A lock table admits
 * transactions whose declarations do not overlap (readers of a key together, writers one at a time, block order
 * kept per key), with no speculation: a transaction runs once every earlier one it overlaps has run, and reads their
 * writes from the multi-version memory — or runs right behind them in the same worker's batch (lock handoff).
 *
 * Declarations can be wrong. An execution that touched a key it did not declare is aborted (an `undeclared` event,
 * counted), keeps its locks, and runs again serially once every earlier transaction has committed. Every
 * transaction is validated when it commits, in block order; one whose reads no longer hold (an earlier transaction
 * wrote outside its declaration) runs again then too. So a wrong declaration costs time, never correctness.
 */
import type { Receipt } from '../result.ts';
import { baseStateOf } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../workers/protocol.ts';
import { type Declaration, firstUndeclared, fromAccessList, fromHint } from './accessLocks/declarations.ts';
import { LockTable } from './accessLocks/lockTable.ts';
import { ReadyQueue } from './accessLocks/readyQueue.ts';
import { hintPass } from './hintPass.ts';
import { LogShipper, commitTx, countAbortByKey, executionEvents, firstStaleRead, startWorkers } from './shared.ts';
import { RunError, type RunContext, type Strategy, type StrategyOutput } from './types.ts';
import type { EventBody } from '../trace/recorder.ts';

const BATCH = 16;

export const accessLocks: Strategy = {
  name: 'access-locks',
  description: 'Declared access (Sealevel, EIP-2930): a lock table runs non-overlapping transactions together; an undeclared access re-runs serially.',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const { scenario, recorder } = ctx;
    const txs = scenario.transactions;
    const n = txs.length;
    const W = ctx.workers;
    const { senders, busy, recoverMs } = await startWorkers(ctx);
    const base = baseStateOf(scenario);
    const committed = new CommittedState(base);
    const memory = new MultiVersionMemory(base);
    const shipper = new LogShipper(ctx, senders);
    const coinbase = scenario.block.coinbase.slice(2).toLowerCase();
    const receipts: Receipt[] = [];
    const abortsByKey: Record<string, number> = {};
    let cumulative = 0n;
    let executions = 0;
    let validations = 0;
    let aborts = 0;
    let undeclared = 0;
    const event = (tx: number, incarnation: number, body: EventBody) => recorder.coordinator(tx, incarnation, body);
    const record = (r: TaskResult): void => {
      executions++;
      busy[r.worker] += (r.t1 - r.t0) / 1000;
      for (const e of executionEvents(r)) recorder.push(e);
    };
    event(-1, 0, { kind: 'phase-start', phase: 'execute' });

    // 1. Declarations: access lists, or a hint pass (isolated, against the pre-state) for transactions without one.
    const decls = new Array<Declaration>(n);
    const hinted: number[] = [];
    txs.forEach((tx, i) => {
      if ((tx.accessList?.length ?? 0) > 0) decls[i] = fromAccessList(tx, senders[i], coinbase);
      else hinted.push(i);
    });
    const hint = await hintPass(ctx, shipper, senders, hinted, busy);
    executions += hint.executions;
    for (const [tx, r] of hint.hints) {
      const o = r.outcome;
      const writes = o.kind === 'done' ? o.writes.map(([k]) => k) : [];
      decls[tx] = fromHint(txs[tx], senders[tx], coinbase, o.kind === 'blocked' ? [] : o.reads.map(([k]) => k), writes);
    }

    // 2. The lock table decides who may run; everyone starts queued, some blocked on a lock.
    const locks = new LockTable(decls);
    const incarnation = new Int32Array(n);
    for (const i of hinted) incarnation[i] = 1; // incarnation 0 was the hint
    const ready = new ReadyQueue();
    for (let tx = 0; tx < n; tx++) {
      event(tx, incarnation[tx], { kind: 'queued' });
      const wait = locks.firstWait[tx];
      if (wait) event(tx, incarnation[tx], { kind: 'blocked', blockingTx: wait.tx, key: wait.key === '*' ? 'a' + coinbase : wait.key });
    }
    for (const tx of locks.initiallyFree()) ready.push(tx);
    const lockWaits = locks.firstWait.filter(Boolean).length;

    // 3. Run what the locks admit; commit in block order with one last validation.
    const results = new Array<TaskResult | undefined>(n);
    /** Must run again once everything below it is committed (undeclared access, or a stale read at commit). */
    const serial = new Uint8Array(n);
    const inFlight = new Uint8Array(n);
    let commitIdx = 0;
    const workerBusy = new Array<boolean>(W).fill(false);

    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown): void => {
        failed = true;
        reject(e);
      };

      const release = (tx: number): void => {
        for (const d of locks.release(tx)) {
          ready.push(d);
          if (locks.firstWait[d]) event(d, incarnation[d], { kind: 'resumed' });
        }
      };

      const onResult = (r: TaskResult): void => {
        record(r);
        inFlight[r.tx] = 0;
        const o = r.outcome;
        if (o.kind === 'blocked') throw new Error('access-locks never marks ESTIMATE: a blocked execution is a bug');
        const writes = o.kind === 'done' ? o.writes : [];
        if (!serial[r.tx]) {
          const isCreation = txs[r.tx].to === null;
          const key = firstUndeclared(decls[r.tx], coinbase, isCreation, o.reads.map(([k]) => k), writes.map(([k]) => k));
          if (key !== undefined) {
            // Outside its declaration: its locks protected nothing. Discard it; it re-runs alone, in order.
            undeclared++;
            recorder.push({ t: r.t1, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'undeclared', key });
            serial[r.tx] = 1;
            incarnation[r.tx]++;
            event(r.tx, incarnation[r.tx], { kind: 'queued' });
            return;
          }
        }
        serial[r.tx] = 0;
        results[r.tx] = r;
        const deltas = o.kind === 'done' ? o.deltas : [];
        memory.record({ tx: r.tx, incarnation: r.incarnation, writes, deltas });
        shipper.log.push({ kind: 'writes', tx: r.tx, incarnation: r.incarnation, writes, deltas, codes: o.kind === 'done' ? o.codes : [] });
        release(r.tx);
      };

      const commitReady = (): void => {
        while (commitIdx < n) {
          const tx = commitIdx;
          const r = results[tx];
          if (r === undefined || r.incarnation !== incarnation[tx]) return;
          const o = r.outcome;
          if (o.kind === 'blocked') return;
          validations++;
          const stale = firstStaleRead(memory, o.reads, tx);
          if (stale) {
            aborts++;
            countAbortByKey(abortsByKey, stale[0]);
            event(tx, r.incarnation, { kind: 'validate-fail', key: stale[0], writerTx: memory.writerBelow(stale[0], tx) });
            results[tx] = undefined;
            serial[tx] = 1;
            incarnation[tx]++;
            event(tx, incarnation[tx], { kind: 'queued' });
            return;
          }
          event(tx, r.incarnation, { kind: 'validate-ok' });
          if (o.kind === 'invalid') throw new RunError(`transactions[${tx}] is not valid: ${o.message}`);
          cumulative = commitTx(committed, receipts, r, cumulative);
          event(tx, r.incarnation, { kind: 'commit', gas: Number(o.gasUsed) });
          results[tx] = undefined;
          commitIdx++;
        }
      };

      const pump = (): void => {
        if (failed) return;
        try {
          commitReady();
          if (commitIdx === n) return resolve();
          // The serial re-run of the lowest uncommitted transaction goes first, alone in its batch.
          const head = commitIdx;
          const headDue = serial[head] === 1 && !inFlight[head];
          const idle = workerBusy.flatMap((b, w) => (b ? [] : [w]));
          for (const w of idle) {
            const tasks: ExecTask[] = [];
            if (headDue && !inFlight[head]) tasks.push({ tx: head, incarnation: incarnation[head] });
            else {
              const size = Math.max(1, Math.min(BATCH, Math.ceil(ready.size / idle.length)));
              const members = new Set<number>();
              while (tasks.length < size && ready.size > 0) {
                const tx = ready.pop()!;
                tasks.push({ tx, incarnation: incarnation[tx] });
                members.add(tx);
                // Lock handoff: whoever waits only for this batch runs behind it on the same worker.
                for (let i = tasks.length - 1; i < tasks.length && tasks.length < BATCH; i++) {
                  for (const d of locks.waitingFor(tasks[i].tx)) {
                    if (tasks.length >= BATCH) break;
                    if (!locks.takeBehind(d, members)) continue;
                    tasks.push({ tx: d, incarnation: incarnation[d] });
                    members.add(d);
                    if (locks.firstWait[d]) event(d, incarnation[d], { kind: 'resumed' });
                  }
                }
              }
            }
            if (tasks.length === 0) break;
            for (const t of tasks) inFlight[t.tx] = 1;
            workerBusy[w] = true;
            // Not isolated: a batch member sees the writes of the members it was queued behind.
            shipper.execute(w, tasks, false).then((rs) => {
              workerBusy[w] = false;
              if (failed) return;
              try {
                for (const r of rs) onResult(r);
              } catch (e) {
                return fail(e);
              }
              recorder.flush();
              pump();
            }, fail);
          }
          if (workerBusy.every((b) => !b)) throw new Error(`access-locks stalled at transaction ${commitIdx}`);
        } catch (e) {
          fail(e);
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
        extra: {
          undeclaredAccesses: undeclared,
          declaredByAccessList: n - hinted.length,
          declaredByHints: hinted.length,
          barriers: decls.filter((d) => d.barrier).length,
          lockWaits,
        },
      },
    };
  },
};
