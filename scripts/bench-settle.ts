/**
 * How many runs a block takes to settle, in a fresh process warmed up as `npm run cli -- run` warms it:
 *
 *   node --import tsx --expose-gc scripts/bench-settle.ts FILE [--strategy S] [--workers N] [--runs N] [--trust-from]
 *
 * FILE: a scenario or block file, or `preset:ID[:TXS]`. The first-run benchmark's sample (`src/cli/bench/firstRun.ts`,
 * mode `cli`) with more runs: prints every run's wall time and workers' busy time, and the first against the settled
 * one (the median of the second half of the runs). docs/benchmarks.md, "Warm means settled".
 */
import { parseArgs } from 'node:util';
import { firstRunSample } from '../src/cli/bench/firstRun.ts';

const { values, positionals } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'block-stm' },
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '10' },
    'trust-from': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const fail = (message: string): never => {
  console.error(`bench-settle: ${message}`);
  process.exit(2);
};
if (positionals.length !== 1) fail('expected one scenario or block file (or preset:ID[:TXS])');
const workers = Number(values.workers);
const runCount = Number(values.runs);
if (!Number.isInteger(workers) || workers < 1 || workers > 8) fail(`--workers: expected a whole number from 1 to 8, got "${values.workers}"`);
if (!Number.isInteger(runCount) || runCount < 2 || runCount > 50) fail(`--runs: expected a whole number from 2 to 50, got "${values.runs}"`);

const [file] = positionals;
const o = { strategy: values.strategy!, workers, trustFrom: values['trust-from']! };
const { warmupMs, runs } = await firstRunSample(file, 'cli', o, runCount);
const late = runs.slice(Math.floor(runCount / 2)).map((r) => r.wallMs).sort((a, b) => a - b);
const settled = late[(late.length - 1) >> 1];
console.log(`${file}: ${o.strategy} ×${workers}, senders ${o.trustFrom ? 'trust' : 'recover'}, after a warm-up of ${warmupMs.toFixed(0)} ms`);
console.log(`wall ms (workers busy ms), run by run: ${runs.map((r) => `${r.wallMs.toFixed(1)} (${r.workerBusyMs.map((b) => b.toFixed(0)).join(' + ')})`).join(', ')}`);
console.log(`first run against settled (median of the last ${late.length}): ${(runs[0].wallMs / settled).toFixed(2)}×`);
