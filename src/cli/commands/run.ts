/** `parallax run <file>`: one strategy on one scenario or block bundle, with optional checks and trace files. */
import { availableParallelism } from 'node:os';
import { runScenario, type RunOutput } from '../../engine/run.ts';
import { ScenarioError, preStateIsComplete, type Scenario } from '../../engine/scenario/index.ts';
import { decodeBlockRlp } from '../../engine/evm/blockRlp.ts';
import { loadRpcDumpFiles, loadScenarioFile } from '../../engine/scenario/loadFile.node.ts';
import { RunError } from '../../engine/runtime/errors.ts';
import { effectiveWorkers } from '../../engine/strategies/catalog.ts';
import type { Trace } from '../../engine/trace/events.ts';
import { traceToChrome, traceToJson } from '../../engine/trace/exporters.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { shareRepeatedStrings } from '../../engine/workers/sharedStrings.ts';
import { EXIT, UsageError, parseCommandArgs, strategyName, strategyNames, workerCount, workerLimitText, type Command } from '../args.ts';
import { formatSummary, ms, toJson } from '../format.ts';
import { interruptible, throwIfCancelled } from '../interrupt.ts';
import { OutputError, prepareOutputFile, writeOutputFile } from '../output.ts';
import { warmPool, withPool } from '../pool.ts';
import { RunCpu, cpuLine } from '../cpu.ts';
import type { EcrecoverStatus } from '../../engine/evm/secp256k1.ts';
import { WARMUP_TXS } from '../../workloads/warmup.ts';
import { type Check, blockGasProblem, compareResults, compareTransactions, compareWithHeader, uncheckedAgainstHeader } from '../../engine/contract.ts';
import { transactionCommitment } from '../../engine/evm/txCommitment.ts';
import { OVER_LIMIT_NOTE, checkLine, notCheckedLine, suspectLine } from '../verify.ts';

const OPTIONS = {
  strategy: { type: 'string', short: 's' },
  workers: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  trace: { type: 'string' },
  'chrome-trace': { type: 'string' },
  verify: { type: 'boolean' },
  'trust-from': { type: 'boolean' },
  prestate: { type: 'string' },
  test: { type: 'string' },
  'no-warmup': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const usage = () => `Usage: npm run cli -- run <scenario.json | bundle.json | fixture.json> [options]
       npm run cli -- run <block.json> --prestate <trace.json> [options]

Runs one strategy on a scenario file, a real block bundle, the first block of a blockchain-test file (of its first
test, or of --test NAME), or a node's dump of a block, and prints what happened.

Options:
  -s, --strategy NAME     ${strategyNames().join(' | ')} (default: block-stm)
  -w, --workers N         worker threads for the strategy (default: ${availableParallelism()}, the cores here;
                          ${workerLimitText()}; sequential always uses 1)
      --json              print the Result as one JSON object (bigints as 0x hex); --verify lines go to stderr
      --verify            also run sequential and compare state root, receipts root, logs bloom, gas and every
                          receipt; against a block's header, gas, receipts root and logs bloom (and its state root
                          where the pre-state is complete: fixtures, not bundles); the transactions root and each
                          transaction's hash, where the data carries them
      --trace FILE        write the trace (every event) as JSON
      --chrome-trace FILE write the trace in Chrome's format (open it in https://ui.perfetto.dev)
      --trust-from        bundles: take senders from the bundle's "from" fields instead of recovering them
      --test NAME         blockchain-test files: the test whose first block to run (default: the file's first;
                          \`npm run cli -- conformance FILE\` runs every test and block)
      --prestate FILE     the file is a node's eth_getBlockByNumber(n, true) answer and FILE its
                          debug_traceBlockByNumber(n, {tracer: "prestateTracer"}) answer (merged: first occurrence wins)
      --no-warmup         skip the untimed warm-up (small runs of a generated block, then the beginning of this
                          run and, up to 2,048 transactions, whole runs of it until they settle, at most 3 s: the
                          first run of a real block is otherwise 3–5× slower than the settled ones)
  -h, --help              this help

Exit codes: 0 ok, 1 a --verify check failed, 2 bad input or usage (or a file that cannot be written: reported after
the results, and a failed check still exits 1), 3 an engine failure, 130 cancelled (Ctrl-C).

Examples:
  npm run cli -- run examples/counter-demo.json --strategy block-stm --workers 2
  npm run cli -- run ../shared/data/mainnet/19426587.json --workers 2 --verify`;

export const runCommand: Command = {
  name: 'run',
  summary: 'run one strategy on a scenario or block bundle (--verify, --json, --trace)',
  get usage() {
    return usage();
  },
  main,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run cli -- help run');
  if (values.help) {
    console.log(usage());
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('run needs a scenario or bundle file (see: npm run cli -- help run)');
  if (positionals.length > 1) throw new UsageError(`run takes one file, got ${positionals.length}: ${positionals.join(' ')}`);
  const file = positionals[0];
  const strategy = strategyName(values.strategy ?? 'block-stm');
  const requested = values.workers === undefined ? availableParallelism() : workerCount('workers', values.workers);
  const workers = effectiveWorkers(strategy, requested);
  const trustFrom = values['trust-from'] === true;

  const outputs: Output[] = [];
  if (values.trace !== undefined) outputs.push({ path: values.trace, what: 'trace', text: (t) => traceToJson(t) });
  if (values['chrome-trace'] !== undefined) outputs.push({ path: values['chrome-trace'], what: 'Chrome trace', text: (t) => JSON.stringify(traceToChrome(t)) });
  // A path that cannot be written fails now, not after the run.
  for (const o of outputs) await prepareOutputFile(o.path, o.what);

  return interruptible(async (signal) => {
    const scenario = await load(file, trustFrom, values.prestate, values.test);
    throwIfCancelled(signal);
    const senders = trustFrom ? 'trust' : 'recover';
    return withPool(workers, async (pool) => {
      const notes: string[] = [];
      if (!values['no-warmup']) {
        const w = await warmPool(pool, { strategies: ['sequential', strategy], workers, signal, scenario, senders });
        const ofThisRun = w.settleRuns > 0 ? `, then the beginning of this run and ${w.settleRuns} whole run${w.settleRuns === 1 ? '' : 's'} of it` : ', then the beginning of this run';
        notes.push(`warm-up ${ms(w.ms)} ms (untimed: ${w.strategies.join(', ')} on a ${WARMUP_TXS}-transaction block${w.primed ? ofThisRun : ''})`);
      }
      if (!trustFrom) notes.push(recoveryNote(await pool.call(0, (api) => api.ecrecover())));
      const cpu = await RunCpu.forPool(pool); // where the run's CPU went, by thread (Linux)
      // The trace is kept only for a trace file: 100,000 transactions record ~550,000 events.
      const { result, trace } = await execute(scenario, { strategy, workers, senders, signal, keepTrace: outputs.length > 0, onWall: cpu?.onWall }, pool);
      const split = cpu?.take();
      if (split) notes.push(`cpu: ${cpuLine(split)}`);
      const overLimit = blockGasProblem(scenario, result.receipts);
      if (overLimit !== undefined && scenario.expected) throw new UsageError(`${scenario.name}: not a valid block: ${overLimit}`);
      if (overLimit !== undefined) notes.push(`note: ${overLimit}: ${OVER_LIMIT_NOTE}`);
      let checks: Check[] = [];
      if (values.verify) {
        const seq = (await execute(scenario, { strategy: 'sequential', workers: 1, senders, signal, keepTrace: false }, pool)).result;
        checks = compareResults(result, seq);
        const complete = preStateIsComplete(scenario);
        if (scenario.expected) checks.push(...compareWithHeader(result, scenario.expected, { preStateComplete: complete }));
        if (scenario.expected) notes.push(...uncheckedAgainstHeader(result, scenario.expected, { preStateComplete: complete }).map(notCheckedLine));
        const signed = transactionCommitment(scenario); // the transactions against their hashes and the header's root
        if (signed) checks.push(...compareTransactions(scenario, signed));
      }
      const suspect = suspectLine(checks);

      const code = checks.every((c) => c.ok) ? EXIT.ok : EXIT.mismatch;
      process.exitCode = code; // what the process ends with if the reader closes the pipe early (output.ts)
      // A file that cannot be written is reported after the results: it never hides a failed check.
      const unwritten: string[] = [];
      for (const o of outputs) {
        try {
          notes.push(await written(o, trace));
        } catch (error) {
          if (!(error instanceof OutputError)) throw error;
          unwritten.push(error.message);
        }
      }

      if (values.json) {
        console.log(toJson(result));
        for (const line of [...checks.map(checkLine), ...(suspect ? [suspect] : []), ...notes]) console.error(line);
      } else {
        console.log(formatSummary(scenario.name, result));
        if (checks.length > 0) console.log(['', ...checks.map(checkLine), ...(suspect ? [suspect] : [])].join('\n'));
        if (notes.length > 0) console.log(['', ...notes].join('\n'));
      }
      for (const message of unwritten) console.error(`error: ${message}`);
      return code !== EXIT.ok || unwritten.length === 0 ? code : EXIT.usage;
    });
  });
}

function recoveryNote(s: EcrecoverStatus): string {
  return s.path === 'wasm' ? 'sender recovery: WASM (libsecp256k1)' : `sender recovery: pure JS (${s.note ?? 'no WASM'})`;
}

async function load(file: string, trustFrom: boolean, prestate?: string, test?: string): Promise<Scenario> {
  if (prestate !== undefined && test !== undefined) throw new UsageError('--test chooses a test of a blockchain-test file; a node dump (--prestate) has none');
  try {
    const scenario = prestate === undefined ? await loadScenarioFile(file, { trustFrom, test, decodeRlp: decodeBlockRlp }) : await loadRpcDumpFiles(file, prestate, { trustFrom });
    shareRepeatedStrings(scenario.transactions); // JSON.parse makes each a string of its own (100,000 payments: ~16 MB)
    return scenario;
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
}

/** `runScenario`, with a transaction the EVM rejects (bad nonce, no funds, bad signature) reported as bad input.
 * `RunCancelled` (Ctrl-C) and `EngineFailure` pass through to `runMain`. */
async function execute(scenario: Scenario, opts: Parameters<typeof runScenario>[1], pool: WorkerPool): Promise<RunOutput> {
  throwIfCancelled(opts.signal);
  try {
    return await runScenario(scenario, opts, pool);
  } catch (error) {
    if (error instanceof RunError) throw new UsageError(`${scenario.name}: ${error.message}`);
    throw error;
  }
}

/** A file `--trace` or `--chrome-trace` asked for. */
interface Output {
  path: string;
  what: string;
  text: (trace: Trace) => string;
}

async function written(o: Output, trace: Trace): Promise<string> {
  const text = o.text(trace);
  await writeOutputFile(o.path, text, o.what);
  return `${o.what} written to ${o.path} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`;
}
