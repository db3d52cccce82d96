import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace/events.ts';
import fc from 'fast-check';
import { formatEvent, formatMs, formatRatio, groupDigits, laneName } from './format.ts';

const ADDR = '9001000000000000000000000000000000000000';
const SLOT = '0000000000000000000000000000000000000000000000000000000000000002';

describe('format', () => {
  it('groupDigits groups thousands from numbers, bigints and hex quantities', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(10n ** 9n)).toBe('1,000,000,000');
    expect(groupDigits('0x2830cd')).toBe('2,633,933');
  });

  it('formatMs keeps more decimals for smaller durations', () => {
    expect(formatMs(0.4242)).toBe('0.42');
    expect(formatMs(12.34)).toBe('12.3');
    expect(formatMs(1234.5)).toBe('1,235');
  });

  it('formatRatio gives small ratios two decimals and large ones none: 1.03×, 12.5×, 6,000×', () => {
    expect(formatRatio(1.0312)).toBe('1.03×');
    expect(formatRatio(9.994)).toBe('9.99×');
    expect(formatRatio(9.996)).toBe('10.0×');
    expect(formatRatio(12.46)).toBe('12.5×');
    expect(formatRatio(99.96)).toBe('100×');
    expect(formatRatio(6000)).toBe('6,000×');
    expect(formatRatio(Infinity)).toBe('–');
    expect(formatRatio(NaN)).toBe('–');
    // Never more than three significant digits after grouping, and always within rounding of the value.
    fc.assert(fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (x) => {
      const text = formatRatio(x);
      expect(text).toMatch(/^[\d,]+(\.\d{1,2})?×$/);
      const back = Number(text.replace(/[,×]/g, ''));
      expect(Math.abs(back - x)).toBeLessThanOrEqual(x < 10 ? 0.005 + 1e-9 : x < 100 ? 0.05 + 1e-9 : 0.5 + 1e-9);
    }));
  });

  it('laneName calls the coordinator lane coord', () => {
    expect(laneName(-1)).toBe('coord');
    expect(laneName(3)).toBe('w3');
  });

  it('formatEvent writes one line: time in ms, lane, tx.incarnation, kind and details', () => {
    const e: TraceEvent = { t: 1500, worker: -1, tx: 7, incarnation: 1, kind: 'validate-fail', key: `s${ADDR}${SLOT}`, writerTx: 6 };
    expect(formatEvent(e)).toBe('     1.500 ms  coord tx 7.1     validate-fail  0x9001…0000[0x2] changed (written by tx 6)');
    const end: TraceEvent = { t: 20, worker: 0, tx: 0, incarnation: 0, kind: 'exec-end', reads: ['a', 'b'], writes: ['c'], gas: 21000, status: 'success' };
    expect(formatEvent(end)).toBe('     0.020 ms  w0    tx 0.0     exec-end  success, gas 21,000, 2 reads, 1 writes');
    expect(formatEvent({ t: 0, worker: -1, tx: -1, incarnation: 0, kind: 'run-end' })).toBe('     0.000 ms  coord            run-end');
  });

  it('formatEvent keeps markup as text: the page renders lines as text, never as HTML', () => {
    const e: TraceEvent = { t: 0, worker: 0, tx: -1, incarnation: 0, kind: 'worker-crash', message: '<img src=x onerror=alert(1)>' };
    expect(formatEvent(e)).toContain('<img src=x onerror=alert(1)>');
  });
});
