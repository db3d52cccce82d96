/** Tests' shorthand for a trace event, and the small traces several playback tests share. */
import type { Trace, TraceEvent } from '../../engine/trace/events.ts';

/** A trace event from time, worker, transaction, incarnation, then the event's own fields. */
export const ev = (t: number, worker: number, tx: number, incarnation: number, rest: object): TraceEvent =>
  ({ t, worker, tx, incarnation, ...rest }) as TraceEvent;

/** Block-STM on 2 workers, 3 transactions: tx 1 reads what tx 0 wrote, fails validation at 32 and commits its
 * second run at 41; tx 2 is independent. */
export const rerunTrace = (): Trace => ({
  strategy: 'block-stm',
  workers: 2,
  txCount: 3,
  events: [
    ev(20, 0, 0, 0, { kind: 'exec-start' }),
    ev(30, 0, 0, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 5, status: 'success' }),
    ev(20, 1, 1, 0, { kind: 'exec-start' }),
    ev(28, 1, 1, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 6, status: 'success' }),
    ev(31, -1, 0, 0, { kind: 'commit', gas: 5 }),
    ev(32, -1, 1, 0, { kind: 'validate-fail', key: 'k', writerTx: 0 }),
    ev(33, 1, 1, 1, { kind: 'exec-start' }),
    ev(40, 1, 1, 1, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 6, status: 'success' }),
    ev(41, -1, 1, 1, { kind: 'commit', gas: 6 }),
    ev(42, 0, 2, 0, { kind: 'exec-start' }),
    ev(44, 0, 2, 0, { kind: 'exec-end', reads: ['j'], writes: ['j'], gas: 7, status: 'success' }),
    ev(45, -1, 2, 0, { kind: 'commit', gas: 7 }),
  ],
});

/** `rerunTrace` with the scheduler's queue and a fourth transaction: tx 3 (dag-style) waits on tx 1 from the start,
 * is resumed when tx 1 commits, then reads k and reverts. */
export function rerunTraceWithWait(): Trace {
  const base = rerunTrace();
  const resumedAt = base.events.findIndex((e) => e.kind === 'commit' && e.tx === 1) + 1;
  return {
    ...base,
    txCount: 4,
    events: [
      ev(10, -1, 0, 0, { kind: 'queued' }),
      ev(10, -1, 1, 0, { kind: 'queued' }),
      ev(10, -1, 2, 0, { kind: 'queued' }),
      ev(10, -1, 3, 0, { kind: 'blocked', blockingTx: 1, key: 'k' }),
      ...base.events.slice(0, resumedAt),
      ev(41, -1, 3, 0, { kind: 'resumed' }),
      ...base.events.slice(resumedAt),
      ev(46, 1, 3, 0, { kind: 'exec-start' }),
      ev(48, 1, 3, 0, { kind: 'exec-end', reads: ['k'], writes: [], gas: 8, status: 'revert' }),
      ev(49, -1, 3, 0, { kind: 'commit', gas: 8 }),
    ],
  };
}
