import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/trace/events.ts';
import { TraceIndex } from '../playback/traceIndex.ts';
import { barTip, txTip } from './tips.ts';
import { ev } from '../playback/testEvents.ts';

const C = -1;
// tx 1 read k before tx 0 wrote it: its first execution is thrown away, the second commits.
const events: TraceEvent[] = [
  ev(0, C, -1, 0, { kind: 'run-start', strategy: 'block-stm', workers: 2, txCount: 2 }),
  ev(100, C, 0, 0, { kind: 'queued' }),
  ev(100, C, 1, 0, { kind: 'queued' }),
  ev(120, 0, 0, 0, { kind: 'exec-start' }),
  ev(150, 0, 0, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 10, status: 'success' }),
  ev(120, 1, 1, 0, { kind: 'exec-start' }),
  ev(140, 1, 1, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 20, status: 'success' }),
  ev(160, C, 0, 0, { kind: 'validate-ok' }),
  ev(161, C, 0, 0, { kind: 'commit', gas: 10 }),
  ev(162, C, 1, 0, { kind: 'validate-fail', key: 'k', writerTx: 0 }),
  ev(163, C, 1, 1, { kind: 'queued' }),
  ev(170, 0, 1, 1, { kind: 'exec-start' }),
  ev(1_190, 0, 1, 1, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 20_000, status: 'success' }),
  ev(1_195, C, 1, 1, { kind: 'validate-ok' }),
  ev(1_196, C, 1, 1, { kind: 'commit', gas: 20_000 }),
  ev(1_200, C, -1, 0, { kind: 'run-end' }),
];
const ix = new TraceIndex();
ix.update({ strategy: 'block-stm', workers: 2, txCount: 2, events });

describe('hover tips', () => {
  it('say what a transaction is doing at the playhead, and its gas once committed', () => {
    expect(txTip(ix, 1, 50)).toBe('tx 1: not queued yet · 0 executions so far (click for details)');
    expect(txTip(ix, 1, 130)).toBe('tx 1: executing · 1 execution so far (click for details)');
    expect(txTip(ix, 1, 2_000)).toBe('tx 1: committed · 2 executions so far · 20,000 gas (click for details)');
  });

  it('name an execution attempt with the legend’s words and its duration', () => {
    expect(barTip(ix, 1, 0, 2_000)).toBe('tx 1, execution 1: aborted: read a value another transaction then changed · 0.02 ms (click for details)');
    expect(barTip(ix, 1, 1, 2_000)).toBe('tx 1, execution 2: committed after re-execution · 1.02 ms (click for details)');
    expect(barTip(ix, 1, 1, 500)).toBe('tx 1, execution 2: executing now (click for details)');
  });
});
