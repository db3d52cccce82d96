/**
 * Vitest's global set-up: every Node worker the tests start (pools, crashed workers' replacements, the CLI's children)
 * boots from one bundled file of the worker's source (`src/cli/workerBundle.ts`), built afresh for each test run, as
 * the CLI does. `nodePool.test.ts` still boots one through tsx.
 */
import { buildWorkerBundle } from '../src/cli/workerBundle.ts';

export default async function setup(): Promise<void> {
  process.env.PARALLAX_WORKER_BUNDLE = await buildWorkerBundle();
}
