/** Node flavour of the pool: `worker_threads` booted from the bundled worker (or through tsx), spoken to with comlink. */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerApi } from './protocol.ts';
import { WorkerPool, type WorkerPort } from './pool.ts';

export const SOURCE_ENTRY = new URL('./worker.node.boot.mjs', import.meta.url);

/**
 * Where a worker starts: the TypeScript source through tsx, or — when `PARALLAX_WORKER_BUNDLE` names one — the same
 * source bundled into one JavaScript file, which starts in ~0.1 s of CPU instead of ~0.75 s (tsx compiles and resolves
 * every module again in each worker). The CLI and the tests build that bundle when they start
 * (`src/cli/workerBundle.ts`), so it is never older than the source.
 */
export function workerEntry(): URL {
  const bundle = process.env.PARALLAX_WORKER_BUNDLE;
  return bundle && bundle !== '0' ? pathToFileURL(bundle) : SOURCE_ENTRY; // `0`: through tsx (to compare the two)
}
const WORKER_YOUNG_GENERATION_MB = 16;

export function createNodeWorker(entry: URL = workerEntry()): WorkerPort {
  // The young generation per worker. 10,000 transactions on 4 workers peaked at 1,004 MB RSS with V8's default,
  // ~1,010 MB with 8 MB and 993–998 MB with 4 MB (wall time within noise); 100,000 on 2 workers, with the heap growth
  // the CLI sets, peaked the same with 4 and 16 MB, but 4 MB scavenged ~4× as often (~9 % more CPU). See
  // docs/benchmarks.md.
  const worker = new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const api = Comlink.wrap<WorkerApi>(nodeEndpoint(worker));
  let terminated = false;
  return {
    api,
    terminate: () => {
      if (terminated) return;
      terminated = true;
      void worker.terminate();
    },
    onDeath: (cb) => {
      worker.once('error', (e) => cb(e.message));
      worker.once('exit', (code) => cb(`exited with code ${code}`));
    },
  };
}

export function createNodePool(size = 0): WorkerPool {
  const pool = new WorkerPool(() => createNodeWorker(), size);
  return pool;
}
