import { describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../../engine/trace/events.ts';
import { advance, initialPlayer, play, seek, step, toConflict } from './player.ts';
import { barLook, forBarsUntil, metricsAt, nextConflict, phaseCounts, txPhaseAt } from './query.ts';
import { TraceIndex, indexTrace } from './traceIndex.ts';
import { ev } from './testEvents.ts';

const C = -1;
/** Two workers, three txs: tx 1 is invalidated by tx 0 on slot k and re-executed; events arrive out of order. */
function synthetic(): Trace {
  const events: TraceEvent[] = [
    ev(0, C, -1, 0, { kind: 'run-start', strategy: 'block-stm', workers: 2, txCount: 3 }),
    ev(100, C, 0, 0, { kind: 'queued' }),
    ev(100, C, 1, 0, { kind: 'queued' }),
    ev(100, C, 2, 0, { kind: 'queued' }),
    // results of a batch: exec-start recorded when it came back, so after later coordinator events
    ev(120, 0, 0, 0, { kind: 'exec-start' }),
    ev(150, 0, 0, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 10, status: 'success' }),
    ev(120, 1, 1, 0, { kind: 'exec-start' }),
    ev(140, 1, 1, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 20, status: 'success' }),
    ev(160, C, 0, 0, { kind: 'validate-ok' }),
    ev(161, C, 0, 0, { kind: 'commit', gas: 10 }),
    ev(162, C, 1, 0, { kind: 'validate-fail', key: 'k', writerTx: 0 }),
    ev(163, C, 1, 1, { kind: 'queued' }),
    ev(145, 1, 2, 0, { kind: 'exec-start' }),
    ev(155, 1, 2, 0, { kind: 'exec-end', reads: [], writes: ['j'], gas: 30, status: 'success' }),
    ev(170, 0, 1, 1, { kind: 'exec-start' }),
    ev(190, 0, 1, 1, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 20, status: 'success' }),
    ev(195, C, 1, 1, { kind: 'validate-ok' }),
    ev(196, C, 1, 1, { kind: 'commit', gas: 20 }),
    ev(197, C, 2, 0, { kind: 'validate-ok' }),
    ev(198, C, 2, 0, { kind: 'commit', gas: 30 }),
    ev(200, C, -1, 0, { kind: 'run-end' }),
  ];
  return { strategy: 'block-stm', workers: 2, txCount: 3, events };
}

describe('TraceIndex', () => {
  it('gives each transaction its phase at any time, whatever order the events arrived in', () => {
    const ix = indexTrace(synthetic());
    expect(txPhaseAt(ix, 1, 50)).toBe('pending');
    expect(txPhaseAt(ix, 1, 100)).toBe('queued');
    expect(txPhaseAt(ix, 1, 130)).toBe('executing');
    expect(txPhaseAt(ix, 1, 141)).toBe('validating');
    expect(txPhaseAt(ix, 1, 162)).toBe('aborted');
    expect(txPhaseAt(ix, 1, 165)).toBe('queued');
    expect(txPhaseAt(ix, 1, 180)).toBe('executing');
    expect(txPhaseAt(ix, 1, 196)).toBe('committed');
    expect(phaseCounts(ix, 200)).toMatchObject({ committed: 3, executing: 0 });
  });

  it('colours each bar by its outcome only once the outcome is recorded', () => {
    const ix = indexTrace(synthetic());
    const first = ix.txBars[1][0];
    const second = ix.txBars[1][1];
    expect(barLook(first, 130)).toBe('running');
    expect(barLook(first, 150)).toBe('executed');
    expect(barLook(first, 162)).toBe('aborted');
    expect(barLook(second, 196)).toBe('reexecuted');
    expect(barLook(ix.txBars[0][0], 161)).toBe('committed');
  });

  it('counts metrics cumulatively at a time', () => {
    const ix = indexTrace(synthetic());
    const m = metricsAt(ix, 162);
    expect(m).toMatchObject({ committed: 1, executions: 3, aborts: 1, reexecutions: 0, gas: 10 });
    const end = metricsAt(ix, ix.end);
    expect(end).toMatchObject({ committed: 3, executions: 4, aborts: 1, reexecutions: 1, gas: 60 });
    expect(end.barsPerWorker).toEqual([2, 2]);
    // worker 0 busy 30 + 20 of the 100 µs since the first activity
    expect(end.utilisation[0]).toBeCloseTo(0.5);
  });

  it('lists the conflict with its writer and key', () => {
    const ix = indexTrace(synthetic());
    expect(ix.conflicts).toEqual([{ t: 162, kind: 'validate-fail', tx: 1, incarnation: 0, writer: 0, key: 'k' }]);
    expect(nextConflict(ix, 100)?.t).toBe(162);
    expect(nextConflict(ix, 162)).toBeUndefined();
  });

  it('gives the same answers when built incrementally from growing batches', () => {
    const whole = synthetic();
    const live: Trace = { ...whole, events: [] };
    const ix = new TraceIndex();
    for (let i = 0; i < whole.events.length; i += 3) {
      live.events.push(...whole.events.slice(i, i + 3));
      ix.update(live);
    }
    const ref = indexTrace(whole);
    for (const t of [0, 100, 125, 150, 162, 180, 199, 200]) {
      expect(metricsAt(ix, t)).toEqual(metricsAt(ref, t));
      for (let tx = 0; tx < 3; tx++) expect(txPhaseAt(ix, tx, t)).toBe(txPhaseAt(ref, tx, t));
    }
  });

  it('draws only the bars that started by the playback time, cut at it', () => {
    const ix = indexTrace(synthetic());
    const seen: [number, number][] = [];
    forBarsUntil(ix, 1, 150, 0, 1000, (b, end) => seen.push([b.tx, end]));
    expect(seen).toEqual([[1, 140], [2, 150]]);
  });
});

describe('player', () => {
  it('advances by wall time × speed and stops at a conflict when asked to', () => {
    const ix = indexTrace(synthetic());
    let s = play(ix, { ...initialPlayer(), speed: 0.01, pauseOnConflict: true });
    expect(s.t).toBe(100);
    s = advance(ix, s, 1000, false); // 1 s × 0.01 = 10 ms ≫ the run: stops at the conflict at 162
    expect(s).toMatchObject({ t: 162, playing: false });
    expect(s.stoppedAt?.tx).toBe(1);
    s = advance(ix, play(ix, { ...s, pauseOnConflict: false }), 1000, false);
    expect(s).toMatchObject({ t: 200, playing: false });
  });

  it('steps one recorded event at a time, forward and back, consistently with seeking', () => {
    const ix = indexTrace(synthetic());
    let s = seek(ix, initialPlayer(), 0);
    const forward: number[] = [];
    for (let i = 0; i < 30 && s.t < ix.end; i++) forward.push((s = step(ix, s, 1)).t);
    expect(forward).toEqual(ix.times.values.filter((t, i, a) => t > 100 && a.indexOf(t) === i));
    const back: number[] = [];
    for (let i = 0; i < 30 && s.t > ix.start; i++) back.push((s = step(ix, s, -1)).t);
    expect(back.reverse().slice(1)).toEqual(forward.slice(0, -1));
    expect(toConflict(ix, seek(ix, s, 100), 1).t).toBe(162);
  });
});

describe('speed', () => {
  it('formats slow-downs as fractions and real time as 1×', async () => {
    const { formatSpeed, sliderToSpeed, speedToSlider, speedFor } = await import('./player.ts');
    expect([1, 0.94, 0.5, 1 / 250, 1 / 1234].map(formatSpeed)).toEqual(['1×', '1×', '1/2×', '1/250×', '1/1230×']);
    expect(sliderToSpeed(speedToSlider(0.01))).toBeCloseTo(0.01);
    expect(speedFor(20_000, 5)).toBeCloseTo(0.004); // a 20 ms run watched in 5 s
  });
});

describe('clock skew and unused attempts', () => {
  it('keeps a transaction committed when a worker stamped its execution end a little after the commit', () => {
    const ix = indexTrace({
      strategy: 'shards', workers: 1, txCount: 1,
      events: [ev(0, 0, 0, 0, { kind: 'exec-start' }), ev(12, 0, 0, 0, { kind: 'exec-end', reads: [], writes: [], gas: 1, status: 'success' }), ev(10, -1, 0, 0, { kind: 'commit', gas: 1 })],
    });
    expect(txPhaseAt(ix, 0, 20)).toBe('committed');
  });

  it('shows an attempt replaced by a later one without an outcome as discarded (a hint pass), and its commit as a first-try commit', () => {
    const ix = indexTrace({
      strategy: 'dag', workers: 1, txCount: 1,
      events: [
        ev(0, 0, 0, 0, { kind: 'exec-start' }), ev(5, 0, 0, 0, { kind: 'exec-end', reads: [], writes: [], gas: 1, status: 'success' }),
        ev(10, 0, 0, 1, { kind: 'exec-start' }), ev(15, 0, 0, 1, { kind: 'exec-end', reads: [], writes: [], gas: 1, status: 'success' }),
        ev(16, -1, 0, 1, { kind: 'commit', gas: 1 }),
      ],
    });
    const [hint, real] = ix.txBars[0];
    expect([barLook(hint, 6, ix), barLook(hint, 11, ix), barLook(real, 16, ix)]).toEqual(['executed', 'discarded', 'committed']);
  });
});
