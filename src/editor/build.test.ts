import { afterAll, describe, expect, it } from 'vitest';
import { analyseConflicts } from '../engine/analysis/conflicts.ts';
import { coinbaseKey } from '../engine/evm/keys.ts';
import { runScenario } from '../engine/run.ts';
import { runSetup } from '../engine/setupRun.ts';
import { expectSameResult, testPool } from '../engine/testing/harness.ts';
import { compile } from '../workloads/compiler/node.ts';
import { compileErrors } from '../workloads/compiler/standardJson.ts';
import { buildWorkload } from './build.ts';
import { compileInput, findContract } from './project.ts';
import { TEMPLATES, type Template } from './templates.ts';

const pool = testPool(2);
afterAll(() => pool.dispose());

async function built(t: Template) {
  const out = compile(compileInput({ files: t.files, active: t.active }));
  expect(compileErrors(out)).toEqual([]);
  const c = findContract(out, t.workload.contract)!;
  const r = await buildWorkload(c, t.workload, runSetup, t.label);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
  return r.built;
}

describe('the templates', () => {
  for (const t of TEMPLATES) {
    it(`${t.label}: builds a scenario that block-stm runs exactly as sequential, every call succeeding`, async () => {
      const { scenario } = await built(t);
      const seq = await runScenario(scenario, { strategy: 'sequential', workers: 1 }, pool);
      const par = await runScenario(scenario, { strategy: 'block-stm', workers: 2 }, pool);
      expectSameResult(par.result, seq.result, t.id);
      expect(seq.result.receipts.map((r) => r.status)).toEqual(scenario.transactions.map(() => 1));
    }, 60_000);
  }

  it('the shared counter conflicts on its one slot and the per-user counter does not conflict at all', async () => {
    const shared = (await built(TEMPLATES[0]!)).scenario;
    const perUser = (await built(TEMPLATES[1]!)).scenario;
    const coinbase = coinbaseKey(shared);
    const a = analyseConflicts((await runScenario(shared, { strategy: 'sequential', workers: 1 }, pool)).trace, coinbase);
    const b = analyseConflicts((await runScenario(perUser, { strategy: 'sequential', workers: 1 }, pool)).trace, coinbase);
    expect(a.criticalPath.length).toBe(shared.transactions.length);
    // Only a user's own transactions depend on each other (through that user's own counter; its nonce is read lazily).
    const from = perUser.transactions.map((t) => t.from);
    expect(b.edges.filter((e) => from[e.from] !== from[e.to])).toEqual([]);
    const stm = await runScenario(shared, { strategy: 'block-stm', workers: 2 }, pool);
    expect(stm.result.stats.reexecutions + stm.result.stats.aborts).toBeGreaterThan(0);
  }, 60_000);

  it('the token and the auction conflict only in part: their longest chain is shorter than the block', async () => {
    for (const t of TEMPLATES.slice(2)) {
      const s = (await built(t)).scenario;
      const a = analyseConflicts((await runScenario(s, { strategy: 'sequential', workers: 1 }, pool)).trace, coinbaseKey(s));
      expect(a.edges.length, t.id).toBeGreaterThan(0);
      expect(a.criticalPath.length, t.id).toBeLessThan(s.transactions.length / 2);
    }
  }, 60_000);
});
