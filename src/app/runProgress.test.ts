import { describe, expect, it } from 'vitest';
import { LARGE_RUN, etaMs, etaText, largeRunWarning, phaseStatus, progressLine, redrawEveryMs } from './runProgress.ts';

describe('run progress', () => {
  it('estimates what is left from the commit rate since the first commit, not since the start', () => {
    // 5,000 of 20,000 committed in the 10 s since the first commit (start-up took 30 s): 30 s left.
    expect(etaMs({ committed: 5000, total: 20000, startedAt: 0, firstCommitAt: 30_000, now: 40_000 })).toBe(30_000);
  });

  it('gives no estimate before the first commit, too early in the run, or once everything has committed', () => {
    expect(etaMs({ committed: 0, total: 100, startedAt: 0, now: 5000 })).toBeUndefined();
    expect(etaMs({ committed: 10, total: 20000, startedAt: 0, firstCommitAt: 0, now: 5000 })).toBeUndefined();
    expect(etaMs({ committed: 500, total: 20000, startedAt: 0, firstCommitAt: 0, now: 500 })).toBeUndefined();
    expect(etaMs({ committed: 100, total: 100, startedAt: 0, firstCommitAt: 0, now: 5000 })).toBeUndefined();
  });

  it('says it in words', () => {
    expect(etaText(12_400)).toBe('about 12 s left');
    expect(etaText(150_000)).toBe('about 3 min left');
    expect(progressLine({ committed: 5000, total: 20000, startedAt: 0, firstCommitAt: 30_000, now: 40_000 })).toBe('5,000 of 20,000 committed · about 30 s left');
    expect(progressLine({ committed: 0, total: 20000, startedAt: 0, now: 1 })).toMatch(/^0 of 20,000 committed · starting/);
  });
});

describe('large runs', () => {
  it('asks first above the threshold only', () => {
    expect(largeRunWarning(LARGE_RUN)).toBeNull();
    expect(largeRunWarning(20_000)).toMatch(/^This is 20,000 transactions: .*cancel/);
    expect(largeRunWarning(20_000, 8)).toMatch(/^This is 8 runs of 20,000 transactions each/);
  });
});

describe('redraw pacing', () => {
  it('redraws a small streaming trace every frame and a large one a few times a second', () => {
    expect(redrawEveryMs(5_000)).toBe(0);
    expect(redrawEveryMs(50_000)).toBe(200);
    expect(redrawEveryMs(1_000_000)).toBe(400);
  });
});

describe('phase in words', () => {
  it('says what the page does, the same for the action bar and the stage line', () => {
    expect(phaseStatus('loading', 'block-stm')).toBe('Preparing the scenario…');
    expect(phaseStatus('running', 'block-stm')).toBe('Running block-stm…');
    // After a run, the automatic Verify runs sequential: not "preparing the scenario" again.
    expect(phaseStatus('verifying', 'block-stm')).toBe('Running the sequential reference…');
    expect(phaseStatus('comparing', 'dag')).toBe('Comparing…');
    expect(phaseStatus('verifying', 'dag', true)).toBe('Cancelling…');
    expect(phaseStatus('idle', 'dag', true)).toBe('');
    expect(phaseStatus('starting', 'dag')).toBe('Starting the engine…');
  });
});
