/**
 * `parallax scale`: the same strategies on 1–128 *simulated* workers (src/sim/): a recorded real run of the block
 * gives each transaction's accesses and cost, a cost profile the rest. Every figure it prints is simulated and says
 * so. `--calibrate` measures this machine's profile and checks simulated against real speedups at 1, 2, 4 workers.
 */
import { STRATEGY_NAMES } from '../../engine/strategies/catalog.ts';
import { type SimWorkload } from '../../sim/model.ts';
import { type CostProfile, DATACENTRE_NETWORK, PROFILES } from '../../sim/profile.ts';
import { simulate } from '../../sim/simulate.ts';
import { isSharded, profileFor, rowOf, type ScaleRow } from '../../sim/sweep.ts';
import { p2pTransfers } from '../../sim/synthetic.ts';
import { EXIT, UsageError, choiceList, parseCommandArgs, positiveInt, positiveIntList, type Command } from '../args.ts';
import { ratioRange, toJson } from '../format.ts';
import { groupDigits } from '../../app/format.ts';
import { interruptible, throwIfCancelled } from '../interrupt.ts';
import { withPool } from '../pool.ts';
import { type CalibrationRow, calibrate, record } from '../scale/calibrate.ts';
import { input } from './compare.ts';

const MAX_SIM_WORKERS = 128;
const DEFAULT_WORKERS = [1, 2, 4, 8, 16, 32, 64];
const CALIBRATION_RUNS = 5;

const OPTIONS = {
  preset: { type: 'string', short: 'p' },
  txs: { type: 'string' },
  seed: { type: 'string' },
  p2p: { type: 'string' },
  accounts: { type: 'string' },
  communities: { type: 'string' },
  'cross-shard': { type: 'string' },
  shards: { type: 'string' },
  strategies: { type: 'string', short: 's' },
  workers: { type: 'string', short: 'w' },
  profile: { type: 'string' },
  'network-latency': { type: 'string' },
  cores: { type: 'string' },
  calibrate: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const usage = () => `Usage: npm run cli -- scale <scenario.json | bundle.json | --preset ID [--txs N] | --p2p N --accounts A> [options]

Simulates the strategies on many workers: the same scheduling policies as real runs, on virtual workers with a
virtual clock. A file or preset is first run for real (sequential, warm, on this machine) to record each
transaction's accesses and cost; --p2p builds a synthetic block of peer-to-peer transfers (Block-STM's benchmark
shape). Every figure printed is SIMULATED.

Options:
  -p, --preset ID            a generated workload (see: npm run cli -- presets)
      --txs N, --seed S      with --preset
      --p2p N                a synthetic block of N transfers…
      --accounts A           …among A accounts (default 1000)
      --communities G        …in G groups of neighbouring accounts (default 1: recipients uniform)…
      --cross-shard SHARE    …a transfer leaving its sender's group with probability SHARE, 0–1 (default 0.1 with
                             --communities): the sharding question's knob
  -s, --strategies LIST      strategies to simulate (default: block-stm,occ-rounds,dag,access-locks,shards-graph)
  -w, --workers LIST         simulated worker counts, up to ${MAX_SIM_WORKERS} (default ${DEFAULT_WORKERS.join(',')})
      --profile js|native    costs: this engine as measured (js, default for files and presets), or a native EVM
                             scaled from Block-STM's published sequential throughput (native, default for --p2p)
      --cores N              cores of the simulated machine (default: js measured here, ${PROFILES.js.cores}; native one per worker)
      --shards LIST          shard counts for the sharded strategies (shards, shards-graph: one worker per shard;
                             default: the --workers list)
      --network-latency LIST sharded strategies: shards on separate machines, µs per message one way, one row per
                             value (default 0: one machine; ${DATACENTRE_NETWORK.latencyUs} is a datacentre)
      --calibrate            measure this machine's JS profile and compare simulated with real speedups at 1, 2, 4
                             workers (real runs: slow)
      --json                 JSON rows on stdout
  -h, --help                 this help

Columns: simulated wall ms · speedup against simulated sequential · tx/s and gas/s · executions and aborts; for
the sharded strategies also the shards, the network latency and the share of transactions that crossed shards.

Exit codes: 0 ok, 2 bad input or usage, 3 internal error, 130 cancelled (Ctrl-C).

Examples:
  npm run cli -- scale --preset dex-rush --txs 500 --workers 1,2,4,8,16,32
  npm run cli -- scale --p2p 10000 --accounts 100 --strategies block-stm --workers 1,2,4,8,16,32
  npm run cli -- scale --preset erc20-airdrop --txs 400 --calibrate
  npm run cli -- scale --p2p 20000 --accounts 100000 --communities 64 --cross-shard 0.05 \
      --strategies shards,shards-graph --shards 2,4,8,16,32,64 --network-latency 0,250,1000`;

export const scaleCommand: Command = {
  name: 'scale',
  summary: 'the strategies on 1–128 simulated workers, from a recorded run or a synthetic block (simulated figures)',
  get usage() {
    return usage();
  },
  main,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run cli -- help scale');
  if (values.help) {
    console.log(usage());
    return EXIT.ok;
  }
  const strategies = values.strategies === undefined ? ['block-stm', 'occ-rounds', 'dag', 'access-locks', 'shards-graph'] : choiceList('strategies', values.strategies, STRATEGY_NAMES).filter((s) => s !== 'sequential');
  const workers = values.workers === undefined ? DEFAULT_WORKERS : [...new Set(positiveIntList('workers', values.workers, MAX_SIM_WORKERS))].sort((a, b) => a - b);
  const synthetic = values.p2p !== undefined;
  if (synthetic && (values.preset !== undefined || positionals.length > 0)) throw new UsageError('--p2p builds its own block: give no file or --preset with it');
  if (!synthetic && values.accounts !== undefined) throw new UsageError('--accounts goes with --p2p');
  const profileName = values.profile === undefined ? (synthetic ? 'native' : 'js') : choiceList('profile', values.profile, ['js', 'native'] as const)[0];
  if (synthetic && profileName === 'js') throw new UsageError('--profile js needs a recorded run (a file or --preset): a synthetic block has no measured costs');
  if (values.calibrate && synthetic) throw new UsageError('--calibrate compares with real runs: give a file or --preset');
  const latencies = values['network-latency'] === undefined ? [0] : [...new Set(wholeList('network-latency', values['network-latency'], 1_000_000))];
  const shardCounts = values.shards === undefined ? workers : [...new Set(positiveIntList('shards', values.shards, MAX_SIM_WORKERS))].sort((a, b) => a - b);
  if (values.shards !== undefined && !strategies.some(isSharded)) throw new UsageError('--shards goes with a sharded strategy (shards, shards-graph)');
  if ((values.communities !== undefined || values['cross-shard'] !== undefined) && !synthetic) throw new UsageError('--communities and --cross-shard go with --p2p');
  if (values['cross-shard'] !== undefined && values.communities === undefined) throw new UsageError('--cross-shard needs --communities (the groups a transfer leaves)');
  const say = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);

  return interruptible(async (signal) => {
    let workload: SimWorkload;
    let profile: CostProfile = PROFILES[profileName];
    let notes: Record<string, number> | undefined;
    const rows: ScaleRow[] = [];
    const calibration: CalibrationRow[] = [];
    if (synthetic) {
      const n = positiveInt('p2p', values.p2p!, 1_000_000);
      const accounts = values.accounts === undefined ? 1000 : positiveInt('accounts', values.accounts, 10_000_000);
      const communities = values.communities === undefined ? undefined : positiveInt('communities', values.communities, 1_000_000);
      const crossShare = values['cross-shard'] === undefined ? 0.1 : share('cross-shard', values['cross-shard']);
      workload = p2pTransfers(n, accounts, communities === undefined ? {} : { communities, crossShare });
    } else {
      const scenario = await input(positionals, values, true);
      workload = await withPool(values.calibrate ? 4 : 1, async (pool) => {
        if (values.calibrate) {
          say(`calibrating on ${scenario.name} (${scenario.transactions.length} txs): real runs of sequential and ${strategies.join(', ')} at 1, 2, 4 workers, warm, ${CALIBRATION_RUNS} rounds in alternating order…`);
          const c = await calibrate(pool, scenario.name, scenario, strategies, [1, 2, 4], CALIBRATION_RUNS);
          profile = c.profile;
          notes = c.notes;
          calibration.push(...c.rows);
          say(`measured: ping round trip ${c.notes.pingRttUs.toFixed(0)} µs · parallel ceiling ${c.notes.ceiling.toFixed(2)}× (the profile's cores: median of ${c.ceilings.length} rounds, ${ratioRange(c.ceilings)}) · coordinator ${c.notes.receivePerResultUs.toFixed(0)} µs per result · worker ${c.notes.workerPerTaskUs.toFixed(0)} µs per task beyond its execution · a refused execution ${c.notes.invalidUs.toFixed(0)} µs · executions against the recorded ones: hint ${c.notes.hintScale.toFixed(2)}×, first ${c.notes.firstScale.toFixed(2)}×, re-execution ${c.notes.reexecScale.toFixed(2)}×`);
          return c.workload;
        }
        say(`recording a warm sequential run of ${scenario.name} (${scenario.transactions.length} txs) on this machine…`);
        const rec = await record(pool, scenario, scenario.name);
        return rec.workload;
      });
    }
    throwIfCancelled(signal);
    if (values.cores !== undefined) profile = { ...profile, cores: positiveInt('cores', values.cores, 100_000) };
    // Rows only: no trace kept (the figures are the same with one).
    const seq = simulate('sequential', workload, { workers: 1, profile, trace: false });
    for (const strategy of strategies) {
      const sharded = isSharded(strategy);
      for (const latency of sharded ? latencies : [0]) {
        for (const w of sharded ? shardCounts : workers) {
          const r = simulate(strategy, workload, { workers: w, profile: profileFor(strategy, profile, latency), trace: false });
          rows.push(rowOf(strategy, w, r, seq, latency));
          throwIfCancelled(signal);
        }
      }
    }
    if (values.json) {
      console.log(toJson({ simulated: true, profile: profile.name, source: workload.source, txCount: workload.txs.length, sequentialMs: seq.wallMs, rows, ...(notes ? { measured: notes, calibration } : {}) }));
      return EXIT.ok;
    }
    say(`SIMULATED — ${workload.source}; ${profile.name} profile; ${workload.txs.length} txs; simulated sequential ${seq.wallMs.toFixed(1)} ms (${groupDigits(Math.round(seq.txPerSec))} tx/s)`);
    const anySharded = rows.some((r) => isSharded(r.strategy));
    const shardCols = (r?: ScaleRow): string[] =>
      !anySharded ? [] : !r ? ['net µs'.padStart(7), 'crossed'.padStart(8)] : isSharded(r.strategy) ? [String(r.networkLatencyUs).padStart(7), `${Math.round((r.extra?.crossShardRatio ?? 0) * 100)} %`.padStart(8)] : ['', ''].map((x, i) => x.padStart(i ? 8 : 7));
    say(['strategy'.padEnd(18), 'workers'.padStart(7), ...shardCols(), 'sim ms'.padStart(10), 'speedup'.padStart(8), 'tx/s'.padStart(12), 'Mgas/s'.padStart(9), 'execs'.padStart(8), 'aborts'.padStart(7)].join(' '));
    for (const r of rows) {
      say([r.strategy.padEnd(18), String(r.workers).padStart(7), ...shardCols(r), r.wallMs.toFixed(1).padStart(10), `${r.speedup.toFixed(2)}×`.padStart(8), groupDigits(Math.round(r.txPerSec)).padStart(12), (r.gasPerSec / 1e6).toFixed(1).padStart(9), String(r.executions).padStart(8), String(r.aborts).padStart(7)].join(' '));
    }
    if (calibration.length > 0) {
      say('\ncalibration (this machine, same process): real vs simulated speedup against sequential');
      for (const c of calibration) say(`  ${c.strategy.padEnd(18)} ×${c.workers}  real ${c.realSpeedup.toFixed(2)}× (${c.realMs.toFixed(0)} ms; rounds ${ratioRange(c.realSpeedups)})  simulated ${c.simSpeedup.toFixed(2)}× (${c.simMs.toFixed(0)} ms; over the ceiling's range ${ratioRange(c.simSpeedupRange)})  ${c.error >= 0 ? '+' : ''}${(c.error * 100).toFixed(0)} %`);
    }
    return EXIT.ok;
  });
}

/** A comma-separated list of whole numbers from 0 to `max` (latencies may be 0). */
function wholeList(name: string, raw: string, max: number): number[] {
  return raw.split(',').map((x) => {
    const v = Number(x.trim());
    if (x.trim() === '' || !Number.isInteger(v) || v < 0 || v > max) throw new UsageError(`--${name}: expected whole numbers from 0 to ${max}, got "${x.trim()}"`);
    return v;
  });
}

function share(name: string, raw: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1) throw new UsageError(`--${name}: expected a share from 0 to 1, got "${raw}"`);
  return v;
}
