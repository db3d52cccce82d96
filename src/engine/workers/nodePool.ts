/** Node flavour of the pool: `worker_threads` booted through tsx, spoken to with comlink. */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerApi } from './protocol.ts';
import { WorkerPool, type WorkerPort } from './pool.ts';

const BOOT = new URL('./worker.node.boot.mjs', import.meta.url);
const WORKER_YOUNG_GENERATION_MB = 4;

export function createNodeWorker(): WorkerPort {
  // A small young generation per worker: 10,000 transactions on 4 workers peaked at 1,004 MB RSS with V8's default,
  // ~1,010 MB with 8 MB and 993–998 MB with 4 MB (wall time within noise). See docs/benchmarks.md.
  const worker = new Worker(BOOT, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
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
  const pool = new WorkerPool(createNodeWorker, size);
  return pool;
}
