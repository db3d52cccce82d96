/**
 * A conformance run over blockchain-test files: every test of every file through `runFixtureTest`, tallied the way
 * `npm run cli -- conformance --json` prints it. A test passes when every strategy passes it; one failure entry is
 * kept per test and strategy that went wrong; what cannot run here is skipped, counted by its reason.
 */
import { decodeBlockRlp } from '../evm/blockRlp.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { fixtureTestNames, isFixtureFile, loadFixtureTest } from '../scenario/fixture.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { type ConformanceRunOptions, type TestOutcome, runFixtureTest } from './runFixture.ts';

export interface ConformanceFailure {
  file: string;
  test: string;
  /** The strategy that went wrong, or `LOADER` when the test did not load. */
  strategy: string;
  problems: string[];
}

export interface ConformanceReport {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  failures: ConformanceFailure[];
  /** Reason → how many tests were skipped for it. */
  skippedReasons: Record<string, number>;
}

/** `strategy` of a failure that is the loader's: a test that claims to be valid and does not load. */
export const LOADER = '(loader)';

export const NOT_A_FIXTURE = 'not a blockchain-test file (test name → { network, pre, blocks, … })';

export function emptyReport(): ConformanceReport {
  return { total: 0, passed: 0, failed: 0, skipped: 0, failures: [], skippedReasons: {} };
}

export interface FileOptions extends ConformanceRunOptions {
  /** Only the tests whose name contains this. */
  filter?: string;
  /** Told of each test as it finishes. */
  onTest?: (file: string, test: string, outcome: TestOutcome) => void;
}

/** Runs every test of one parsed file into `report`. `file` names it in the report and in messages. */
export async function runFixtureFile(json: unknown, file: string, opts: FileOptions, pool: WorkerPool, report: ConformanceReport): Promise<void> {
  if (!isFixtureFile(json)) return record(report, file, '', { status: 'skipped', reason: NOT_A_FIXTURE }, opts);
  for (const test of fixtureTestNames(json)) {
    if (opts.filter !== undefined && !test.includes(opts.filter) && !file.includes(opts.filter)) continue;
    let outcome: TestOutcome;
    try {
      outcome = await runFixtureTest(loadFixtureTest(json, test, { sourceName: file, decodeRlp: decodeBlockRlp }), opts, pool);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      outcome = { status: 'failed', failures: [{ strategy: LOADER, problems: error.message.split('\n') }] };
    }
    record(report, file, test, outcome, opts);
  }
}

/** A file that cannot be read as JSON: skipped, with the parser's words. */
export function recordUnreadable(report: ConformanceReport, file: string, error: ScenarioError): void {
  record(report, file, '', { status: 'skipped', reason: `not valid JSON (${error.issues[0]?.message ?? error.message})` }, {});
}

function record(report: ConformanceReport, file: string, test: string, outcome: TestOutcome, opts: Pick<FileOptions, 'onTest'>): void {
  report.total++;
  if (outcome.status === 'passed') report.passed++;
  else if (outcome.status === 'skipped') {
    report.skipped++;
    report.skippedReasons[outcome.reason] = (report.skippedReasons[outcome.reason] ?? 0) + 1;
  } else {
    report.failed++;
    for (const f of outcome.failures) report.failures.push({ file, test, strategy: f.strategy, problems: f.problems });
  }
  opts.onTest?.(file, test, outcome);
}
