import { runScenario } from '../src/engine/run.ts';
import { createNodePool } from '../src/engine/workers/nodePool.ts';
import { generatePreset } from '../src/workloads/presets/index.ts';
import { workloadFromTrace } from '../src/sim/model.ts';
import { simulate } from '../src/sim/simulate.ts';
import { JS_PROFILE } from '../src/sim/profile.ts';

const pool = createNodePool(4);
const strategies = ['sequential', 'block-stm', 'occ-rounds', 'dag', 'access-locks', 'shards-graph'];
for (const [id, txs] of [['erc20-airdrop', 400], ['dex-rush', 200], ['independent-payments', 1000]] as const) {
  const s = generatePreset(id, { txs }, 1);
  for (let k = 0; k < 2; k++) for (const st of strategies) await runScenario(s, { strategy: st, workers: 2, senders: 'trust' }, pool);
  const seq = await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
  const wl = workloadFromTrace(s, seq.trace);
  const sumExec = wl.txs.reduce((a, t) => a + t.costUs, 0) / 1000;
  const rows: string[] = [];
  const real: Record<string, number> = {};
  for (const st of strategies) for (const w of st === 'sequential' ? [1] : [1, 2, 4]) {
    const ms: number[] = [];
    for (let k = 0; k < 3; k++) ms.push((await runScenario(s, { strategy: st, workers: w, senders: 'trust' }, pool)).result.stats.wallMs);
    ms.sort((a, b) => a - b);
    real[`${st}×${w}`] = ms[1];
  }
  const simSeq = simulate('sequential', wl, { workers: 1, profile: JS_PROFILE }).wallMs;
  for (const [k, ms] of Object.entries(real)) {
    const [st, w] = k.split('×');
    const t0 = performance.now();
    const sim = simulate(st, wl, { workers: Number(w), profile: JS_PROFILE });
    const dt = performance.now() - t0;
    rows.push(`${id.padEnd(22)} ${k.padEnd(16)} real ${ms.toFixed(0).padStart(6)} ms ×${(real['sequential×1'] / ms).toFixed(2)}  sim ${sim.wallMs.toFixed(0).padStart(6)} ms ×${(simSeq / sim.wallMs).toFixed(2)}  (sim took ${dt.toFixed(0)} ms, reexec ${sim.stats.reexecutions})`);
  }
  console.log(`${id}: sum exec ${sumExec.toFixed(0)} ms`);
  console.log(rows.join('\n'));
}
pool.dispose();
