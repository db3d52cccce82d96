/**
 * Real Ethereum blocks: every strategy reproduces the header's gasUsed, receiptsRoot and logsBloom. Each strategy runs
 * each block once, its worker count rotating over 2, 4 and 8 (block + strategy index), so every strategy meets every
 * count on two blocks and every block several counts — one run per pair keeps ~7 strategies within the test budget.
 * `PARALLAX_FULL_MATRIX=1` runs 1, 2, 4 and 8 workers three times each (src/engine/testing/matrix.ts).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../scenario/loadFile.node.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { FULL_MATRIX, matrixRuns } from '../testing/matrix.ts';
import { STRATEGIES } from './registry.ts';

const dir = fileURLToPath(new URL('../../../../shared/data/mainnet/', import.meta.url));
const bundles = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const ROTATING = [2, 4, 8];
const pool = testPool(8);
afterAll(() => pool.dispose());

describe('mainnet bundles', () => {
  it('are all there', () => expect(bundles.length).toBeGreaterThanOrEqual(6));

  for (const [b, file] of bundles.entries()) {
    it(`${file}: sequential and every parallel strategy (2, 4 or 8 workers) match the header`, async () => {
      const scenario = await loadScenarioFile(dir + file);
      const expected = scenario.expected!;
      // Senders recovered from signatures (the honest default) for the reference; the parallel runs reuse them.
      const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'recover' });
      const recovered = { ...scenario, transactions: scenario.transactions.map((t, i) => ({ ...t, from: reference.senders[i] })) };
      for (const r of [reference]) {
        expect(r.gasUsed).toBe(expected.gasUsed);
        expect(r.receiptsRoot).toBe(expected.receiptsRoot);
        expect(r.logsBloom).toBe(expected.logsBloom);
      }
      for (const [s, strategy] of STRATEGIES.filter((x) => x.name !== 'sequential').entries()) {
        for (const { workers, run: k } of matrixRuns(ROTATING, b + s)) {
          const r = await run(pool, recovered, { strategy: strategy.name, workers, senders: 'trust' });
          expectSameResult(r, reference, `${strategy.name}×${workers} run ${k}`);
        }
      }
      // Block 15,537,394 alone runs ~60 s on a quiet 2-core machine (nine strategies over heavy transactions): room
      // for a busy one.
    }, FULL_MATRIX ? 1_800_000 : 400_000);
  }

  it('block-stm recovers senders in parallel and gets the same senders', async () => {
    const scenario = await loadScenarioFile(dir + '19426587.json');
    const trusted = await loadScenarioFile(dir + '19426587.json', { trustFrom: true });
    const r = await run(pool, scenario, { strategy: 'block-stm', workers: 2, senders: 'recover' });
    expect(r.senders).toEqual(trusted.transactions.map((t) => t.from));
    expect(r.receiptsRoot).toBe(scenario.expected!.receiptsRoot);
  });
});
