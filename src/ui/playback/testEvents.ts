/** Tests' shorthand for a trace event: time, worker, transaction, incarnation, then the event's own fields. */
import type { TraceEvent } from '../../engine/trace/events.ts';

export const ev = (t: number, worker: number, tx: number, incarnation: number, rest: object): TraceEvent =>
  ({ t, worker, tx, incarnation, ...rest }) as TraceEvent;
