/** `parallax conformance`: Ethereum's blockchain tests (ethereum/tests, execution-spec-tests) on every strategy. */
import { availableParallelism } from 'node:os';
import { MissingPath, findFixtureFiles, readJsonFile } from '../../engine/conformance/fixtureFiles.node.ts';
import type { TestOutcome } from '../../engine/conformance/runFixture.ts';
import { type ConformanceReport, emptyReport, recordUnreadable, runFixtureFile } from '../../engine/conformance/suite.ts';
import { ScenarioError } from '../../engine/scenario/index.ts';
import { EXIT, UsageError, parseCommandArgs, strategyName, strategyNames, workerCount, workerLimitText, type Command } from '../args.ts';
import { interruptible, throwIfCancelled } from '../interrupt.ts';
import { withPool } from '../pool.ts';

const OPTIONS = {
  strategies: { type: 'string', short: 's' },
  workers: { type: 'string', short: 'w' },
  filter: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const usage = () => `Usage: npm run cli -- conformance <file | folder>… [options]

Runs every blockchain test (the ethereum/tests and execution-spec-tests fixture format) found in the files and
folders given (folders are searched for .json files), on each chosen strategy. A valid block must reproduce its
header: gas used, receipts root, logs bloom and state root (the fixtures' pre-states are complete), with the senders
the fixture names; a block marked expectException must be refused (by the loader, or by the run at the transaction
the fixture marks invalid). Blocks of one test run in order, each on the post-state of the valid block before it.
What Parallax cannot run yet (blob transactions, forks before byzantium, blocks given only as RLP) is skipped and
counted by its reason. A test passes when every strategy passes it.

Options:
  -s, --strategies LIST   all, or some of: ${strategyNames().join(',')} (default: all)
  -w, --workers N         worker threads for the parallel strategies (default: ${availableParallelism()}, the cores here;
                          ${workerLimitText()}; sequential always uses 1)
      --filter TEXT       only the tests whose name or file path contains TEXT
      --json              print {total, passed, failed, skipped, failures: [{file, test, strategy, problems}],
                          skippedReasons} on stdout (progress goes to stderr)
  -h, --help              this help

Exit codes: 0 every test that ran passed, 1 a test failed, 2 bad input or usage, 3 an engine failure,
130 cancelled (Ctrl-C).

Examples:
  npm run cli -- conformance ../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/stSStoreTest
  npm run cli -- conformance ../shared/data/ethereum-tests --strategies sequential,block-stm --workers 2 --json`;

export const conformanceCommand: Command = {
  name: 'conformance',
  summary: "run Ethereum's blockchain-test fixtures on every strategy (--json for machines)",
  get usage() {
    return usage();
  },
  main,
};

/** `all` or a list of strategy names, each checked (sequential too: here it is one strategy among the others). */
function parseStrategies(text: string | undefined): string[] {
  if (text === undefined || text.trim() === 'all') return strategyNames();
  const names = [...new Set(text.split(',').map((x) => x.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError(`--strategies needs "all" or some of: ${strategyNames().join(', ')}`);
  return names.map(strategyName);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run cli -- help conformance');
  if (values.help) {
    console.log(usage());
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('conformance needs fixture files or folders (see: npm run cli -- help conformance)');
  const strategies = parseStrategies(values.strategies);
  const workers = values.workers === undefined ? availableParallelism() : workerCount('workers', values.workers);
  let files: string[];
  try {
    files = await findFixtureFiles(positionals);
  } catch (error) {
    if (error instanceof MissingPath) throw new UsageError(error.message);
    throw error;
  }
  if (files.length === 0) throw new UsageError(`no .json files under ${positionals.join(', ')}`);

  const say = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const progress = progressLine(files.length);
  const report = emptyReport();
  const t0 = performance.now();
  return interruptible((signal) =>
    withPool(workers, async (pool) => {
      const onTest = (file: string, test: string, outcome: TestOutcome) => {
        if (outcome.status !== 'failed') return;
        progress.clear();
        for (const f of outcome.failures) say(`✗ ${file} › ${test} · ${f.strategy}\n${f.problems.map((p) => `    ${p}`).join('\n')}`);
      };
      for (const [i, file] of files.entries()) {
        throwIfCancelled(signal);
        progress.show(i, file, report);
        let json: unknown;
        try {
          json = await readJsonFile(file);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          recordUnreadable(report, file, error);
          continue;
        }
        await runFixtureFile(json, file, { strategies, workers, signal, filter: values.filter, onTest }, pool, report);
      }
      progress.clear();
      const code = report.failed === 0 ? EXIT.ok : EXIT.mismatch;
      process.exitCode = code; // what the process ends with if the reader closes the pipe early
      if (values.json) console.log(JSON.stringify(report, null, 2));
      say(summary(report, strategies, workers, (performance.now() - t0) / 1000));
      return code;
    }),
  );
}

/** The closing lines: `5107 tests on 9 strategies: 4210 passed, 0 failed, 897 skipped (1,234 s)` and the reasons. */
function summary(r: ConformanceReport, strategies: string[], workers: number, seconds: number): string {
  const lines = [
    '',
    `${r.total} tests on ${strategies.length} strateg${strategies.length === 1 ? 'y' : 'ies'} (${strategies.join(', ')}; ${workers} workers) in ${seconds.toFixed(0)} s`,
    `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
  ];
  const reasons = Object.entries(r.skippedReasons).sort(([, a], [, b]) => b - a);
  if (reasons.length > 0) lines.push('skipped:', ...reasons.map(([reason, n]) => `  ${String(n).padStart(5)}  ${reason}`));
  return lines.join('\n');
}

/** Progress on stderr: one line redrawn per file on a terminal, else a line every `EVERY` files (a CI log). */
function progressLine(total: number) {
  const tty = process.stderr.isTTY === true;
  const EVERY = 100;
  return {
    show(i: number, file: string, r: ConformanceReport): void {
      const text = `[${i + 1}/${total}] ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped · ${file}`;
      if (tty) process.stderr.write(`\r\x1b[K${text.slice(0, (process.stderr.columns ?? 120) - 1)}`);
      else if (i > 0 && i % EVERY === 0) process.stderr.write(`${text}\n`);
    },
    clear(): void {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
