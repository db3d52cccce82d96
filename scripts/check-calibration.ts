/**
 * `npm run test:calibration`: the simulator's calibration, checked on a sample (issue "Scale lab"): real runs of a
 * few strategies at 1 and 2 workers on this machine, in this process, against the same configurations simulated
 * with the profile measured from those runs (`src/cli/scale/calibrate.ts`). Every simulated speedup must be within
 * 15 % of the real one. It runs alone (not among the unit tests, whose load would skew the real runs); a failing
 * sample is measured once more before it fails, since a shared machine can be busy for a minute. Each row also shows
 * the real speedup's spread over the rounds and the simulated one's over the machine's ceiling (lowest to highest of
 * the rounds): how much of a miss the machine's own swing could explain. The verdict is the medians' alone.
 *
 *   npm run test:calibration [-- --sample erc20|mainnet] [--attempts N] [--rounds N]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenarioFromJson } from '../src/engine/scenario/index.ts';
import type { Scenario } from '../src/engine/scenario/types.ts';
import { calibrate, type CalibrationRow } from '../src/cli/scale/calibrate.ts';
import { positiveInt } from '../src/cli/args.ts';
import { ratioRange } from '../src/cli/format.ts';
import { disposePool, startPool } from '../src/cli/pool.ts';
import { generatePreset } from '../src/workloads/presets/index.ts';

const TOLERANCE = 0.15;
const STRATEGIES = ['block-stm', 'dag'];
const WORKERS = [1, 2];

const samples: { label: string; scenario: () => Scenario }[] = [
  { label: 'erc20-airdrop, 300 txs', scenario: () => generatePreset('erc20-airdrop', { txs: 300 }, 1) },
  {
    label: 'mainnet block 12300570',
    scenario: () => loadScenarioFromJson(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../shared/data/mainnet/12300570.json'), 'utf8')), { sourceName: '12300570.json', trustFrom: true }),
  },
];

// `--sample erc20`: only the samples whose label starts with it.
const only = process.argv.includes('--sample') ? process.argv[process.argv.indexOf('--sample') + 1] : undefined;
/** `--name N`, checked as the CLI checks its counts (`positiveInt`), or `def` when not given; a bad one exits 2. */
function countOption(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  try {
    return positiveInt(name, process.argv[i + 1] ?? '');
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
// `--attempts N`: series measured before a sample fails (default 2: on a 2-vCPU machine one series in four or so lands
// a real speedup 15–20 % off its usual value). Not part of `npm test`: docs/scale.md says why.
const attempts = countOption('attempts', 2);
// `--rounds N`: timed rounds of every configuration in a series, medians taken (default 5).
const rounds = countOption('rounds', 5);
const chosen = samples.filter((s) => only === undefined || s.label.startsWith(only));
if (chosen.length === 0) {
  console.error(`--sample ${only}: no such sample (${samples.map((s) => s.label).join('; ')})`);
  process.exit(2);
}

const pool = await startPool(2);
let failed = 0;
try {
  for (const s of chosen) {
    const scenario = s.scenario();
    let rows: CalibrationRow[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const c = await calibrate(pool, s.label, scenario, STRATEGIES, WORKERS, rounds);
      rows = c.rows;
      console.log(`${s.label} (attempt ${attempt}): ceiling ${c.notes.ceiling.toFixed(2)}× (rounds ${ratioRange(c.ceilings)}), ping ${c.notes.pingRttUs.toFixed(0)} µs, coordinator ${c.notes.receivePerResultUs.toFixed(0)} µs/result, worker ${c.notes.workerPerTaskUs.toFixed(0)} µs/task, first ${c.notes.firstScale.toFixed(2)}×, hint ${c.notes.hintScale.toFixed(2)}×`);
      // Two workers barely beating one (or losing to it) is the other jobs on the machine, not this engine: the
      // simulator cannot follow below one core (docs/scale.md), so such a series says little.
      if (c.notes.ceiling < 1.1) console.log(`  note: a ceiling below 1.1× — the machine is busy; a miss at 2 workers here is worth a re-run, not a reading`);
      for (const r of rows) {
        const ok = Math.abs(r.error) <= TOLERANCE;
        console.log(`  ${ok ? '✓' : '✗'} ${r.strategy.padEnd(12)} ×${r.workers}  real ${r.realSpeedup.toFixed(2)}× (rounds ${ratioRange(r.realSpeedups)})  simulated ${r.simSpeedup.toFixed(2)}× (at the ceiling's range ${ratioRange(r.simSpeedupRange)})  ${r.error >= 0 ? '+' : ''}${(r.error * 100).toFixed(0)} %`);
      }
      if (rows.every((r) => Math.abs(r.error) <= TOLERANCE)) break;
    }
    if (!rows.every((r) => Math.abs(r.error) <= TOLERANCE)) failed++;
  }
} finally {
  disposePool(pool);
}
if (failed > 0) {
  console.error(`✗ calibration: ${failed} sample(s) with a simulated speedup more than ${TOLERANCE * 100} % from the real one`);
  process.exit(1);
}
console.log(`✓ calibration: every simulated speedup within ${TOLERANCE * 100} % of the real one`);
