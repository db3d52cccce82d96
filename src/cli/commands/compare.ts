/** `parallax compare`: every strategy × worker count on one scenario, bundle or preset, side by side (see compare/). */
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Scenario } from '../../engine/scenario/index.ts';
import { RunError } from '../../engine/runtime/errors.ts';
import { RunHistory } from '../../engine/strategies/history.ts';
import { PRESET_IDS } from '../../workloads/presets/index.ts';
import { EXIT, UsageError, parseCommandArgs, positiveInt, strategyNames, workerCountList, workerLimitText, type Command } from '../args.ts';
import { parallelCeiling, type Ceiling } from '../bench/ceiling.ts';
import { compareStrategies, type Comparison } from '../compare/comparison.ts';
import { comparisonTable, describeAnalysis, describeFailures } from '../compare/table.ts';
import { anatomyTexts } from '../compare/aborts.ts';
import { ms, toJson } from '../format.ts';
import { interruptible, throwIfCancelled } from '../interrupt.ts';
import { OutputError, prepareOutputFile, writeOutputFile } from '../output.ts';
import { withPool } from '../pool.ts';
import { scenarioInput } from '../workloads.ts';

const DEFAULT_WORKERS = [1, 2, 4, 8];
const DEFAULT_CEILING_TXS = 2000;

const OPTIONS = {
  preset: { type: 'string', short: 'p' },
  txs: { type: 'string' },
  seed: { type: 'string' },
  strategies: { type: 'string', short: 's' },
  workers: { type: 'string', short: 'w' },
  runs: { type: 'string' },
  json: { type: 'boolean' },
  'json-out': { type: 'string' },
  'ceiling-txs': { type: 'string' },
  'no-warmup': { type: 'boolean' },
  'trust-from': { type: 'boolean' },
  test: { type: 'string' },
  learn: { type: 'boolean' },
  why: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const parallel = (): string[] => strategyNames().filter((n) => n !== 'sequential');

const usage = () => `Usage: npm run cli -- compare <scenario.json | bundle.json | --preset ID [--txs N] [--seed S]> [options]

Runs sequential and every chosen strategy × worker count on the same block, in one process on one worker pool,
checks that every run commits exactly the sequential result, and prints them side by side with the block's conflict
analysis and the machine's parallel ceiling.

Options:
  -p, --preset ID          a generated workload instead of a file: ${PRESET_IDS.join(', ')}
      --txs N              with --preset: transactions (default: the preset's)
      --seed S             with --preset: PRNG seed (default 1)
  -s, --strategies LIST    all, or some of: ${parallel().join(',')} (default: all; sequential always runs first)
  -w, --workers LIST       worker counts (default ${DEFAULT_WORKERS.join(',')}; more than the cores here oversubscribes;
                           ${workerLimitText()})
      --runs N             timed rounds, in alternating order; each row reports its median run by wall time and
                           the spread of its runs (default 3)
      --json               print the comparison as JSON on stdout (progress and text go to stderr)
      --json-out FILE      also write the JSON (with a Markdown table) to FILE
      --ceiling-txs N      ERC20 transfers for the machine's 1-vs-2-worker ceiling; 0 skips it (default ${DEFAULT_CEILING_TXS})
      --no-warmup          skip the untimed warm-up (runs of sequential and each strategy until they settle)
      --trust-from         bundles: take senders from "from" fields instead of recovering them
      --test NAME          blockchain-test files: the test whose first block to compare (default: the file's first)
      --learn              share one run history: dag reuses earlier runs' access sets instead of a hint pass,
                           predictive starts with the hot keys earlier runs taught it
      --why                where each parallel row's aborts come from (its median run): per key (named: a pair's
                           reserves, a token's balanceOf[…], a sender's nonce, the fee recipient), per pattern (same
                           sender, same target contract, …) and distance, wasted gas, cascades, stray reads (keys the
                           committed execution never reads), a summary in words; the JSON rows carry it as "anatomy"
                           and every timed run's count as "abortRuns"
  -h, --help               this help

Columns: wall ms (recovery + execution + commit, root excluded; median) · spread = half the range of the runs /
median · speedup = median sequential wall / this wall, ⚑ when above min(workers, bound) ·
eff. vs bound = speedup / min(critical-path bound, workers) · executions and aborts as the strategy counts them ·
wasted gas = gas of executions that were not committed (share of the block's gas) · utilisation = mean busy / wall
over the workers · tx/s · equals seq (✓, or ✗ MISMATCH) · strategy extras (RunStats.extra).

Exit codes: 0 ok, 1 a run differed from sequential (or failed), 2 bad input or usage, 3 internal error,
130 cancelled (Ctrl-C).

Examples:
  npm run cli -- compare --preset dex-rush --txs 500 --workers 1,2,4
  npm run cli -- compare ../shared/data/mainnet/19426587.json --strategies block-stm,occ-rounds --runs 3
  npm run cli -- compare ../shared/data/mainnet/15537394.json --trust-from --strategies block-stm --workers 2 --why`;

export const compareCommand: Command = {
  name: 'compare',
  summary: 'every strategy × worker count on one block, side by side, each checked against sequential',
  get usage() {
    return usage();
  },
  main,
};

/** `all` or a list of parallel strategy names; `sequential` is accepted and ignored (it always runs). */
export function parseStrategies(text: string | undefined): string[] {
  const known = parallel();
  if (text === undefined || text.trim() === 'all') return known;
  const names = [...new Set(text.split(',').map((x) => x.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError(`--strategies needs "all" or some of: ${known.join(', ')}`);
  for (const n of names) {
    if (n !== 'sequential' && !known.includes(n)) throw new UsageError(`--strategies: unknown strategy "${n}" (known: all, ${known.join(', ')})`);
  }
  return names.filter((n) => n !== 'sequential');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run cli -- help compare');
  if (values.help) {
    console.log(usage());
    return EXIT.ok;
  }
  const strategies = parseStrategies(values.strategies);
  const workers = values.workers === undefined ? DEFAULT_WORKERS : [...new Set(workerCountList('workers', values.workers))].sort((a, b) => a - b);
  const runs = values.runs === undefined ? 3 : positiveInt('runs', values.runs, 1000);
  const ceilingText = values['ceiling-txs'];
  const ceilingTxs = ceilingText === undefined ? DEFAULT_CEILING_TXS : ceilingText.trim() === '0' ? 0 : positiveInt('ceiling-txs', ceilingText, 1_000_000);
  const trustFrom = values['trust-from'] === true;
  const jsonOut = values['json-out'];
  if (jsonOut !== undefined) await prepareOutputFile(jsonOut, 'results'); // a bad path fails now, not after the runs
  return interruptible(async (signal) => {
    const scenario = await input(positionals, values, trustFrom);
    throwIfCancelled(signal);

    // With --json, stdout carries only the JSON.
    const say = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
    const progress = (line: string) => console.error(line);
    const started = new Date();
    const command = `npm run cli -- compare ${argv.join(' ')}`;
    const c = cpus();
    say(`${command}\n${started.toISOString()} · Node ${process.version} · ${c.length} × ${c[0]?.model ?? 'unknown CPU'} · load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    say(`${scenario.name}: ${scenario.transactions.length} txs · ${strategies.length} strategies × workers ${workers.join(',')} · ${runs} timed run(s) each`);

    const poolSize = Math.max(...workers, ceilingTxs > 0 ? 2 : 1);
    return withPool(poolSize, async (pool) => {
      let ceiling: Ceiling | undefined;
      if (ceilingTxs > 0) {
        ceiling = await parallelCeiling(pool, Math.max(2, ceilingTxs - (ceilingTxs % 2)));
        throwIfCancelled(signal);
        say(
          `machine ceiling: ${ceiling.ratio.toFixed(2)}× is the most 2 workers can give right now (${availableParallelism()} cores; one worker ran ` +
            `${ceiling.txs} ERC20 transfers in ${ms(ceiling.oneWorkerMs)} ms, two uncoordinated workers the halves in ${ms(ceiling.twoWorkersMs)} ms)`,
        );
      }
      let comparison: Comparison;
      try {
        comparison = await compareStrategies(pool, scenario, { strategies, workers, runs, senders: trustFrom ? 'trust' : 'recover', warmup: !values['no-warmup'], history: values.learn ? new RunHistory() : undefined, anatomy: values.why ? strategies : undefined, signal }, progress);
      } catch (error) {
        if (error instanceof RunError) throw new UsageError(`${scenario.name}: ${error.message}`);
        throw error;
      }
      say(`\n${describeAnalysis(comparison.analysis)}\n`);
      say(comparisonTable(comparison));
      for (const text of anatomyTexts(comparison)) say(`\n${text}`);
      say(`\n${describeFailures(comparison)}`);

      const json = {
        command,
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: { node: process.version, cpuModel: c[0]?.model ?? 'unknown', cpus: c.length, availableParallelism: availableParallelism(), loadAverageAtEnd: loadavg() },
        parallelCeiling: ceiling,
        options: { strategies, workers, runs, senders: trustFrom ? 'trust' : 'recover' },
        comparison,
        markdown: comparisonTable(comparison, true),
      };
      const code = comparison.failures.length === 0 ? EXIT.ok : EXIT.mismatch;
      process.exitCode = code; // what the process ends with if the reader closes the pipe early (output.ts)
      if (values.json) console.log(toJson(json));
      if (jsonOut !== undefined) {
        try {
          await writeOutputFile(jsonOut, `${toJson(json)}\n`, 'results');
          say(`results written to ${jsonOut}`);
        } catch (error) {
          if (!(error instanceof OutputError)) throw error;
          // Reported after the table: a file that cannot be written never hides a run that differed.
          console.error(`error: ${error.message}`);
          return code === EXIT.ok ? EXIT.usage : code;
        }
      }
      return code;
    });
  });
}

/** The scenario: a file (scenario or bundle) or a preset, never both (`scale` uses it too). */
export const input = (positionals: string[], values: { preset?: string; txs?: string; seed?: string }, trustFrom: boolean): Promise<Scenario> =>
  scenarioInput(positionals, values, trustFrom);
