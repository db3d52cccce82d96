/**
 * A run in progress, in words: how many transactions have committed of how many, and roughly how long is left —
 * estimated from the commit rate since the first commit (sender recovery and start-up come before it, so counting
 * from the start would overstate what is left), and only once enough has committed for the rate to mean something.
 * And the warning before a run long enough that a speaker should not start it by accident.
 */
import { groupDigits } from './format.ts';

export interface RunProgress {
  committed: number;
  total: number;
  /** ms (any clock, the same for all three): the run started, the first commit arrived, now. */
  startedAt: number;
  firstCommitAt?: number;
  now: number;
}

/** ms left, or undefined while the rate is not known yet (under 2 % or 20 commits, or under a second of commits). */
export function etaMs(p: RunProgress): number | undefined {
  if (p.firstCommitAt === undefined || p.committed >= p.total) return undefined;
  const span = p.now - p.firstCommitAt;
  if (p.committed < Math.max(20, p.total * 0.02) || span < 1000) return undefined;
  return ((p.total - p.committed) * span) / p.committed;
}

/** `about 40 s left`, `about 2 min left`. */
export function etaText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `about ${s} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

/** `1,234 of 20,000 committed · about 12 s left` (before the first commit: `starting…`). */
export function progressLine(p: RunProgress): string {
  if (p.firstCommitAt === undefined) return `0 of ${groupDigits(p.total)} committed · starting (workers, sender recovery)…`;
  const eta = etaMs(p);
  return `${groupDigits(p.committed)} of ${groupDigits(p.total)} committed${eta === undefined ? '' : ` · ${etaText(eta)}`}`;
}

/** What the page is doing: starting its engine, idle, loading a scenario, running, verifying a run, comparing. */
export type Phase = 'starting' | 'idle' | 'loading' | 'running' | 'verifying' | 'comparing';

/** The phase in words, the same in the action bar and on the stage's run line ('' when idle). */
export function phaseStatus(phase: Phase, strategy: string, cancelling = false): string {
  if (cancelling && phase !== 'idle' && phase !== 'starting') return 'Cancelling…';
  switch (phase) {
    case 'starting': return 'Starting the engine…';
    case 'loading': return 'Preparing the scenario…';
    case 'running': return `Running ${strategy}…`;
    case 'verifying': return 'Running the sequential reference…';
    case 'comparing': return 'Comparing…';
    case 'idle': return '';
  }
}

/** More transactions than this and Run asks first. */
export const LARGE_RUN = 5_000;

/** The question to ask before running `txs` transactions `runs` times (a compare runs each strategy several times),
 * or null when the run is small enough to start at once. */
export function largeRunWarning(txs: number, runs = 1): string | null {
  if (txs <= LARGE_RUN) return null;
  const what = runs > 1 ? `${runs} runs of ${groupDigits(txs)} transactions each` : `${groupDigits(txs)} transactions`;
  return `This is ${what}: it can take minutes on this machine, and the stage fills as it goes. You can cancel at any time (Cancel, or Esc).`;
}

/**
 * How long the stage waits between redraws of a streaming trace. Each redraw indexes the new events and redraws
 * every view over the whole run so far, so its cost grows with the trace: small traces redraw every frame, a large
 * one a few times a second, which leaves the page's thread free between redraws (a 20,000-transaction run redrawn
 * every frame kept it busy more than half the time).
 */
export function redrawEveryMs(events: number): number {
  return events <= 20_000 ? 0 : Math.min(400, Math.round(events / 250));
}
