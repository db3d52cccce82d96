/** Browser flavour of the pool: module Web Workers (bundled by Vite), spoken to with comlink. */
import * as Comlink from 'comlink';
import type { WorkerApi } from './protocol.ts';
import { WorkerPool, type WorkerPort } from './pool.ts';

export function createBrowserWorker(): WorkerPort {
  const worker = new Worker(new URL('./worker.browser.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<WorkerApi>(worker);
  return {
    api,
    terminate: () => worker.terminate(),
    onDeath: (cb) => {
      worker.addEventListener('error', (e) => cb(e.message || 'worker error'), { once: true });
    },
  };
}

export function createBrowserPool(size = 0): WorkerPool {
  return new WorkerPool(createBrowserWorker, size);
}
