import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace/events.ts';
import { executionSpans, SpanPairer, type OpenExecution } from './spans.ts';

const start = (t: number, worker: number, tx: number, incarnation = 0, exec?: 'hint' | 'first' | 'reexec'): TraceEvent => ({
  t, worker, tx, incarnation, kind: 'exec-start', ...(exec ? { exec } : {}),
});
const end = (t: number, worker: number, tx: number, incarnation = 0, gas = 1): TraceEvent => ({
  t, worker, tx, incarnation, kind: 'exec-end', reads: [], writes: [], gas, status: 'success',
});
const stop = (t: number, worker: number, tx: number, incarnation = 0): TraceEvent => ({ t, worker, tx, incarnation, kind: 'exec-abort', key: 'ax', blockingTx: 0 });

describe('execution spans', () => {
  it('pairs each end with its start, in the order the executions ended, and ignores other events', () => {
    const events = [
      start(0, 0, 0, 0, 'first'),
      start(2, 1, 1, 0, 'first'),
      { t: 3, worker: -1, tx: 0, incarnation: 0, kind: 'commit', gas: 1 } as TraceEvent,
      stop(5, 1, 1),
      end(7, 0, 0),
      start(8, 1, 1, 1, 'reexec'),
      end(12, 1, 1, 1),
    ];
    const spans = executionSpans(events);
    expect(spans.map((s) => [s.worker, s.tx, s.incarnation, s.t0, s.t1, s.exec, s.end.kind])).toEqual([
      [1, 1, 0, 2, 5, 'first', 'exec-abort'],
      [0, 0, 0, 0, 7, 'first', 'exec-end'],
      [1, 1, 1, 8, 12, 'reexec', 'exec-end'],
    ]);
    expect(spans[1]!.end).toBe(events[4]);
  });

  it('makes an end without a start a span of no length at the end', () => {
    const [s] = executionSpans([start(1, 0, 0, 1), end(9, 0, 0, 0)]);
    expect(s).toMatchObject({ tx: 0, incarnation: 0, t0: 9, t1: 9 });
    expect(s!.exec).toBeUndefined();
  });

  it('keeps the same key on two workers apart, and pairs repeats of one key first in, first out', () => {
    const spans = executionSpans([start(0, 0, 3), start(1, 1, 3), start(2, 0, 3), end(4, 1, 3), end(5, 0, 3), end(6, 0, 3)]);
    expect(spans.map((s) => [s.worker, s.t0, s.t1])).toEqual([[1, 1, 4], [0, 0, 5], [0, 2, 6]]);
  });

  it('lists the executions still running', () => {
    const p = new SpanPairer();
    for (const e of [start(0, 0, 0), start(1, 1, 1), end(2, 0, 0), start(3, 0, 2, 0, 'hint'), start(4, 1, 1)]) p.push(e);
    expect([...p.pending()]).toEqual([
      { worker: 1, tx: 1, incarnation: 0, t0: 1, exec: undefined },
      { worker: 1, tx: 1, incarnation: 0, t0: 4, exec: undefined },
      { worker: 0, tx: 2, incarnation: 0, t0: 3, exec: 'hint' },
    ]);
  });

  it('equals a naive pairing on any interleaving of two workers’ events', () => {
    const op = fc.record({ kind: fc.constantFrom('start', 'end', 'abort'), tx: fc.nat(2), incarnation: fc.nat(1) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(op, { maxLength: 30 }), fc.array(fc.boolean(), { maxLength: 60 }), (a, b, picks) => {
        // Merge the two workers' streams in the order `picks` says (then whatever is left), one µs apart.
        const lanes = [a, b];
        const next = [0, 0];
        const events: TraceEvent[] = [];
        const emit = (w: number) => {
          const o = lanes[w]![next[w]!++]!;
          const t = events.length;
          events.push(o.kind === 'start' ? start(t, w, o.tx, o.incarnation) : o.kind === 'end' ? end(t, w, o.tx, o.incarnation) : stop(t, w, o.tx, o.incarnation));
        };
        for (const p of picks) {
          const w = p ? 1 : 0;
          if (next[w]! < lanes[w]!.length) emit(w);
        }
        for (const w of [0, 1]) while (next[w]! < lanes[w]!.length) emit(w);

        // The reference: for each end, the earliest unclaimed earlier start of the same worker, tx and incarnation.
        const claimed = new Set<number>();
        const same = (x: TraceEvent, y: TraceEvent) => x.worker === y.worker && x.tx === y.tx && x.incarnation === y.incarnation;
        const expected = events.flatMap((e, i) => {
          if (e.kind !== 'exec-end' && e.kind !== 'exec-abort') return [];
          const j = events.findIndex((s, k) => k < i && s.kind === 'exec-start' && !claimed.has(k) && same(s, e));
          if (j >= 0) claimed.add(j);
          return [{ worker: e.worker, tx: e.tx, incarnation: e.incarnation, t0: j >= 0 ? events[j]!.t : e.t, t1: e.t, end: e }];
        });
        const open = events.filter((e, k) => e.kind === 'exec-start' && !claimed.has(k));

        const p = new SpanPairer();
        const got = events.flatMap((e) => p.push(e) ?? []);
        expect(got.map(({ exec: _, ...s }) => s)).toEqual(expected);
        const key = (x: Pick<OpenExecution, 'worker' | 'tx' | 'incarnation' | 't0'>) => `${x.worker}:${x.tx}:${x.incarnation}@${x.t0}`;
        expect([...p.pending()].map(key).sort()).toEqual(open.map((e) => key({ ...e, t0: e.t })).sort());
      }),
    );
  });
});
