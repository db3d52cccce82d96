/**
 * `npm run bench:sim`: how long the simulator takes (host time, not simulated time) on big synthetic blocks — the
 * scale lab's own speed. Prints one line per case and JSON with --json.
 *   npm run bench:sim -- [--txs 100000] [--workers 64] [--accounts 1000000] [--strategy block-stm] [--runs 2] [--no-trace]
 * --no-trace: the figures only, as a Scale lab sweep simulates (a clicked point keeps the trace).
 */
import { parseArgs } from 'node:util';
import { NATIVE_PROFILE } from '../src/sim/profile.ts';
import { simulate } from '../src/sim/simulate.ts';
import { p2pTransfers } from '../src/sim/synthetic.ts';

const { values } = parseArgs({ options: { txs: { type: 'string' }, workers: { type: 'string' }, accounts: { type: 'string' }, strategy: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' }, 'no-trace': { type: 'boolean' } } });
const txs = Number(values.txs ?? 100_000);
const workers = Number(values.workers ?? 64);
const accounts = Number(values.accounts ?? 1_000_000);
const strategy = values.strategy ?? 'block-stm';
// The first run on a workload also prepares it once (state keys numbered, sender chains: cached on the workload);
// every later run — the other points of a Scale lab sweep — reuses that.
const runs = Math.max(1, Number(values.runs ?? 2));
const t0 = performance.now();
const workload = p2pTransfers(txs, accounts);
const buildMs = performance.now() - t0;
const trace = !values['no-trace'];
for (let k = 1; k <= runs; k++) {
  globalThis.gc?.(); // each run starts from a collected heap, not the previous run's garbage
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = simulate(strategy, workload, { workers, profile: NATIVE_PROFILE, trace });
  const t2 = performance.now();
  // CPU time too: on a shared 2-core machine the wall time also counts what other processes took.
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const row = { strategy, txs, accounts, workers, trace, run: k, buildMs, simulateMs: t2 - t1, simulateCpuMs: cpuMs, simulatedWallMs: r.wallMs, txPerSec: r.txPerSec, executions: r.stats.executions, validations: r.stats.validations, aborts: r.stats.aborts, events: r.trace.events.length };
  if (values.json) console.log(JSON.stringify(row));
  else console.log(`${strategy} × ${workers} on ${txs} transfers among ${accounts} accounts, run ${k}${k === 1 ? ' (prepares the workload)' : ''}: simulated in ${(row.simulateMs / 1000).toFixed(2)} s (${(cpuMs / 1000).toFixed(2)} s CPU; block built in ${buildMs.toFixed(0)} ms); simulated wall ${r.wallMs.toFixed(1)} ms, ${Math.round(r.txPerSec)} tx/s, ${r.stats.executions} executions, ${r.stats.validations} validations, ${r.stats.aborts} aborts, ${trace ? `${row.events} trace events` : 'no trace kept'}`);
}
