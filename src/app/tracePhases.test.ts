import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace/events.ts';
import { PhaseTracker, phaseLabelBeside, phaseLabelX, tracePhases } from './tracePhases.ts';

const co = (t: number, kind: string, extra: Record<string, unknown> = {}): TraceEvent => ({ t, worker: -1, tx: -1, incarnation: 0, kind, ...extra }) as TraceEvent;
const exec = (t: number, worker: number, tx: number): TraceEvent => ({ t, worker, tx, incarnation: 0, kind: 'exec-start' }) as TraceEvent;

// The shape of a real run's trace (block 11,814,555, block-stm × 2): start-up, recovery, execution, state root.
const events: TraceEvent[] = [
  co(0, 'run-start', { strategy: 'block-stm', workers: 2, txCount: 2 }),
  co(32_641, 'phase-start', { phase: 'recover-senders' }),
  co(1_465_221, 'phase-end', { phase: 'recover-senders' }),
  co(1_465_877, 'phase-start', { phase: 'execute' }),
  exec(1_515_403, 0, 1),
  exec(1_500_937, 1, 0),
  co(3_114_791, 'phase-end', { phase: 'execute' }),
  co(3_114_882, 'phase-start', { phase: 'state-root' }),
  co(3_550_607, 'phase-end', { phase: 'state-root' }),
];

describe('tracePhases', () => {
  it('names every phase of a run, with start-up before the first and warm-up before the first execution', () => {
    expect(tracePhases(events).map((s) => [s.label, s.start, s.end])).toEqual([
      ['start-up', 0, 32_641],
      ['sender recovery', 32_641, 1_465_221],
      ['execution', 1_465_877, 3_114_791],
      ['worker warm-up', 1_465_877, 1_500_937],
      ['state root', 3_114_882, 3_550_607],
    ]);
  });

  it('keeps an open phase open until its end arrives, as a live trace grows', () => {
    const t = new PhaseTracker();
    const live = events.slice(0, 5);
    t.update(live);
    const open = t.spans().find((s) => s.phase === 'execute')!;
    expect(open).toMatchObject({ open: true, start: 1_465_877, end: 1_515_403 });
    live.push(...events.slice(5));
    t.update(live);
    expect(t.spans().find((s) => s.phase === 'execute')).toMatchObject({ open: false, end: 3_114_791 });
    expect(() => t.update([...events])).toThrow(/different trace/);
  });

  it('a trace without phase events has no phases', () => {
    expect(tracePhases([exec(5, 0, 0)])).toEqual([]);
  });
});

describe('phaseLabelX', () => {
  it('puts a label inside both its span and the chart, or nowhere when it does not fit', () => {
    expect(phaseLabelX(200, 400, 50, 100, 1000)).toBe(203);
    expect(phaseLabelX(-500, 400, 50, 100, 1000)).toBe(103); // the span starts left of the chart: the label does not
    expect(phaseLabelX(900, 1400, 150, 100, 1000)).toBeNull(); // 100 px of it in view: too narrow for 150
    expect(phaseLabelX(200, 230, 50, 100, 1000)).toBeNull();
  });
});

describe('phaseLabelBeside', () => {
  it('places a narrow span’s label from its start, moved left to end inside the chart', () => {
    expect(phaseLabelBeside(500, 520, 60, 100, 1000)).toBe(503);
    expect(phaseLabelBeside(980, 1000, 60, 100, 1000)).toBe(937); // ends 3 px before the right edge
    expect(phaseLabelBeside(980, 981, 60, 100, 1000)).toBeNull(); // 1 px: nothing to point at
    expect(phaseLabelBeside(1200, 1300, 60, 100, 1000)).toBeNull(); // out of view
  });
});
