/** The engine side of the Verify badge's transaction checks: a shipped block against its header and hashes. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { EngineHost } from './host.ts';

describe('EngineHost.transactionChecks', () => {
  const blocks = new URL('../../../public/blocks/', import.meta.url).href;
  const host = new EngineHost(createNodePool, { blockBase: blocks, fetchJson: async (url) => JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) });
  afterAll(() => host.dispose());

  it('checks a shipped block’s transactions against its header’s root and their own hashes', async () => {
    const checks = await host.transactionChecks({ kind: 'block', number: 19426587 });
    expect(checks.map((c) => [c.name, c.ok, c.against])).toEqual([['transactionHashes', true, 'bundle'], ['transactionsRoot', true, 'header']]);
    expect(checks[0]!.transactions).toEqual({ compared: 37, differing: 0 });
  });

  it('has nothing to check on a generated block: its transactions are not signed', async () => {
    expect(await host.transactionChecks({ kind: 'preset', id: 'dex-rush', txs: 10, seed: 1, knobs: {} })).toEqual([]);
  });
});
