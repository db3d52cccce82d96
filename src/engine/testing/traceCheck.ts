/**
 * The trace checker: what every strategy's trace must satisfy, whatever it scheduled. Every execution that started
 * ended (or stopped on an ESTIMATE); every transaction commits exactly once, in block order, with an execution of
 * the incarnation it commits; a transaction's incarnations only grow; and the counts in `Result.stats` are the
 * counts of the trace's events (one ledger, one way of counting).
 */
import type { Result } from '../result.ts';
import type { Trace } from '../trace/events.ts';

/** The problems found (empty: the trace is sound). */
export function checkTrace(trace: Trace, result: Result): string[] {
  const problems: string[] = [];
  const n = trace.txCount;
  const ended = new Map<string, number>();
  const id = (worker: number, tx: number, inc: number) => `${worker}:${tx}:${inc}`;
  const commits = new Array<number>(n).fill(0);
  const lastIncarnation = new Array<number>(n).fill(-1);
  const executedIncarnations = Array.from({ length: n }, () => new Set<number>());
  let starts = 0;
  let hints = 0;
  let reexecs = 0;
  let validations = 0;
  let aborts = 0;
  let lastCommit = -1;
  const abortsByKey: Record<string, number> = {};
  const abort = (key: string) => {
    aborts++;
    abortsByKey[key] = (abortsByKey[key] ?? 0) + 1;
  };
  for (const e of trace.events) {
    switch (e.kind) {
      case 'exec-start': {
        starts++;
        if (e.exec === 'hint') hints++;
        else if (e.exec === 'reexec') reexecs++;
        else if (e.exec !== 'first') problems.push(`transaction ${e.tx}: an execution without a kind`);
        const k = id(e.worker, e.tx, e.incarnation);
        ended.set(k, (ended.get(k) ?? 0) - 1);
        if (e.exec !== 'hint') {
          if (e.incarnation < lastIncarnation[e.tx]) problems.push(`transaction ${e.tx}: incarnation ${e.incarnation} ran after ${lastIncarnation[e.tx]}`);
          lastIncarnation[e.tx] = Math.max(lastIncarnation[e.tx], e.incarnation);
        }
        break;
      }
      case 'exec-end':
        ended.set(id(e.worker, e.tx, e.incarnation), (ended.get(id(e.worker, e.tx, e.incarnation)) ?? 0) + 1);
        if (e.exec !== 'hint') executedIncarnations[e.tx].add(e.incarnation);
        break;
      case 'exec-abort':
        ended.set(id(e.worker, e.tx, e.incarnation), (ended.get(id(e.worker, e.tx, e.incarnation)) ?? 0) + 1);
        abort(e.key);
        break;
      case 'validate-ok':
        validations++;
        break;
      case 'validate-fail':
        validations++;
        abort(e.key);
        break;
      case 'undeclared':
        abort(e.key);
        break;
      case 'commit':
        if (e.tx !== lastCommit + 1) problems.push(`transaction ${e.tx} committed after ${lastCommit}`);
        lastCommit = e.tx;
        commits[e.tx]++;
        if (!executedIncarnations[e.tx].has(e.incarnation)) problems.push(`transaction ${e.tx} committed incarnation ${e.incarnation}, which never finished executing`);
        break;
    }
  }
  for (const [k, balance] of ended) if (balance !== 0) problems.push(`execution ${k} (worker:tx:incarnation): ${balance < 0 ? 'started but never ended' : 'ended without a start'}`);
  commits.forEach((c, tx) => {
    if (c !== 1) problems.push(`transaction ${tx} committed ${c} times`);
  });
  const s = result.stats;
  const expect = (name: string, actual: number, fromTrace: number) => {
    if (actual !== fromTrace) problems.push(`stats.${name} is ${actual}, the trace says ${fromTrace}`);
  };
  expect('executions', s.executions, starts);
  expect('hintExecutions', s.hintExecutions, hints);
  expect('reexecutions', s.reexecutions, reexecs);
  expect('validations', s.validations, validations);
  expect('aborts', s.aborts, aborts);
  for (const key of new Set([...Object.keys(abortsByKey), ...Object.keys(s.abortsByKey)])) {
    expect(`abortsByKey[${key}]`, s.abortsByKey[key] ?? 0, abortsByKey[key] ?? 0);
  }
  return problems.slice(0, 20);
}
