import { describe, expect, it } from 'vitest';
import { agree, fill, segments } from './lessonFigures.ts';

describe('figures in a reveal’s prose', () => {
  it('a noun after a figure of exactly 1 is singular', () => {
    expect(fill('{reexecutions} re-executions after {aborts} aborts.', { reexecutions: 1, aborts: 2 })).toBe('1 re-execution after 2 aborts.');
    expect(fill('{n} re-executions on top of {txCount} first executions', { n: 0, txCount: 1 })).toBe('0 re-executions on top of 1 first execution');
    expect(fill('waited {lockWaits} times.', { lockWaits: 1 })).toBe('waited 1 time.');
  });

  it('leaves words it does not know, and every other count, alone', () => {
    expect(agree(1, ' ms with')).toBe(' ms with');
    expect(agree(2, ' aborts')).toBe(' aborts');
    expect(agree('1', ' aborts')).toBe(' aborts');
  });

  it('segments set the figures apart and agree the same way', () => {
    expect(segments('{aborts} aborts', { aborts: 1 })).toEqual([{ figure: 'aborts', text: '1' }, { text: ' abort' }]);
    expect(segments('{missing} aborts', {})).toBeNull();
  });
});
