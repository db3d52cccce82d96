/** Trace exporters: plain JSON, and Chrome's trace-event format (opens in Perfetto / chrome://tracing). */
import type { Trace, TraceEvent } from './events.ts';

export function traceToJson(trace: Trace): string {
  return JSON.stringify(trace, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
}

/** One complete ("X") slice per execution and sender-recovery batch; instant events for everything else. */
export function traceToChrome(trace: Trace): object {
  const out: object[] = [];
  const open = new Map<string, TraceEvent>();
  const tid = (w: number) => (w < 0 ? 0 : w + 1);
  const sim = trace.simulated ? ` (SIMULATED, profile ${trace.simulated.profile}: ${trace.simulated.source})` : '';
  out.push({ ph: 'M', name: 'process_name', pid: 1, args: { name: `${trace.strategy} × ${trace.workers}${sim}` } });
  out.push({ ph: 'M', name: 'thread_name', pid: 1, tid: 0, args: { name: 'coordinator' } });
  for (let w = 0; w < trace.workers; w++) out.push({ ph: 'M', name: 'thread_name', pid: 1, tid: w + 1, args: { name: `worker ${w}` } });
  for (const e of trace.events) {
    const key = `${e.worker}:${e.tx}:${e.incarnation}`;
    if (e.kind === 'exec-start') open.set(key, e);
    else if (e.kind === 'exec-end' || e.kind === 'exec-abort') {
      const s = open.get(key);
      if (!s) continue;
      open.delete(key);
      const args = e.kind === 'exec-end' ? { gas: e.gas, status: e.status, reads: e.reads.length, writes: e.writes.length } : { key: e.key, blockingTx: e.blockingTx };
      out.push({ ph: 'X', name: `tx ${e.tx}.${e.incarnation}${e.kind === 'exec-abort' ? ' (aborted)' : ''}`, pid: 1, tid: tid(e.worker), ts: s.t, dur: Math.max(1, e.t - s.t), args });
    } else if (e.kind === 'recover') {
      out.push({ ph: 'X', name: `recover ${e.from}–${e.to - 1}`, pid: 1, tid: tid(e.worker), ts: e.t, dur: Math.max(1, e.endT - e.t) });
    } else {
      const { t, worker, kind, ...args } = e;
      out.push({ ph: 'i', s: 't', name: kind, pid: 1, tid: tid(worker), ts: t, args });
    }
  }
  return { traceEvents: out, displayTimeUnit: 'ms', ...(trace.simulated ? { metadata: { simulated: trace.simulated } } : {}) };
}
