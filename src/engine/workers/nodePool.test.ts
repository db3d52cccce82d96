/** The Node workers' two ways to start: the bundle the CLI and the tests build (`src/cli/workerBundle.ts`), and the
 * source through tsx. */
import { describe, expect, it } from 'vitest';
import { SOURCE_ENTRY, createNodeWorker, workerEntry } from './nodePool.ts';

describe('Node worker entry', () => {
  it('under the tests, workers start from a bundle of the source', () => {
    expect(process.env.PARALLAX_WORKER_BUNDLE, 'scripts/workerBundle.ts sets it').toBeTruthy();
    expect(workerEntry().href).toMatch(/worker\.node\.[0-9a-f]{16}\.mjs$/);
  });

  it.each([
    ['the bundle', () => workerEntry()],
    ['the source through tsx (without a bundle)', () => SOURCE_ENTRY],
  ])('%s: the worker answers and recovers senders with the WASM secp256k1', async (_, entry) => {
    const worker = createNodeWorker(entry());
    try {
      await worker.api.ping();
      // The bundle resolves the WASM through its package at run time: a wrong path would fall back to pure JS quietly.
      expect(await worker.api.ecrecover()).toMatchObject({ path: 'wasm' });
    } finally {
      worker.terminate();
    }
  });
});
