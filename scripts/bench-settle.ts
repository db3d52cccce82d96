/**
 * How many runs a block takes to settle, in a fresh process warmed up as `npm run cli -- run` warms it:
 *
 *   node --import tsx --expose-gc scripts/bench-settle.ts FILE [--strategy S] [--workers N] [--runs N] [--trust-from]
 *
 * Prints every run's wall time and workers' busy time, and the first against the settled one (the median of the
 * second half of the runs). docs/benchmarks.md, "Warm means settled".
 */
import { parseArgs } from 'node:util';
import { disposePool, startPool, warmPool } from '../src/cli/pool.ts';
import { runScenario } from '../src/engine/run.ts';
import { loadScenarioFile } from '../src/engine/scenario/loadFile.node.ts';

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
const [file] = positionals;
if (file === undefined) fail('expected a scenario or block file');
const workers = Number(values.workers);
const runs = Number(values.runs);
if (!Number.isInteger(workers) || workers < 1 || workers > 8) fail(`--workers: expected a whole number from 1 to 8, got "${values.workers}"`);
if (!Number.isInteger(runs) || runs < 2 || runs > 50) fail(`--runs: expected a whole number from 2 to 50, got "${values.runs}"`);
const strategy = values.strategy!;
const senders = values['trust-from'] ? 'trust' : 'recover';

const scenario = await loadScenarioFile(file!, { trustFrom: values['trust-from'] });
const pool = await startPool(workers);
try {
  const warm = await warmPool(pool, { strategies: ['sequential', strategy], workers, scenario, senders });
  const walls: number[] = [];
  const lines: string[] = [];
  for (let r = 0; r < runs; r++) {
    const { stats } = (await runScenario(scenario, { strategy, workers, senders, keepTrace: false }, pool)).result;
    walls.push(stats.wallMs);
    lines.push(`${stats.wallMs.toFixed(1)} (${stats.workerBusyMs.map((b) => b.toFixed(0)).join(' + ')})`);
  }
  const late = walls.slice(Math.floor(runs / 2)).sort((a, b) => a - b);
  const settled = late[(late.length - 1) >> 1];
  console.log(`${file}: ${strategy} ×${workers}, senders ${senders}, after a warm-up of ${warm.ms.toFixed(0)} ms`);
  console.log(`wall ms (workers busy ms), run by run: ${lines.join(', ')}`);
  console.log(`first run against settled (median of the last ${late.length}): ${(walls[0] / settled).toFixed(2)}×`);
} finally {
  disposePool(pool);
}
